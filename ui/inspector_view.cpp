#include "inspector_view.hpp"

#include <algorithm>
#include <cstdio>
#include <string>

#include "chips.hpp"
#include "strings.hpp"
#include "style.hpp"
#include "wire/frame.hpp"
#include "run_words.hpp"

namespace synack::ui {

namespace {

// One field: its name, its value, and where its bytes sit in the frame.
struct Rows {
  const std::vector<std::string>& highlight;  // the lesson's field keys
  std::string scroll_key;         // highlight + frame: scrolls once per pointing
  std::string& last_scrolled;
  std::vector<std::pair<size_t, size_t>> hot;  // byte ranges to light up in the hex dump
  bool scrolled = false;          // this frame: the first pointed row is brought into view
  bool is_hot(size_t i) const {
    for (const auto& [b, e] : hot)
      if (i >= b && i < e) return true;
    return false;
  }
  void row(const char* key, const char* field, const std::string& value, size_t begin, size_t end) {
    ImGui::TableNextRow();
    const bool pointed = std::find(highlight.begin(), highlight.end(), key) != highlight.end();
    if (pointed) {
      ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, (palette::kHighlight & 0x00ffffffu) | 0x50000000u);
      hot.emplace_back(begin, end);
    }
    ImGui::TableSetColumnIndex(0);
    if (pointed && !scrolled && scroll_key != last_scrolled && !ImGui::IsWindowAppearing() && ImGui::GetColumnWidth() > 1.0f) {
      scrolled = true;
      // Bring the pointed field to the top once, when the lesson first points at it; not
      // while the table is new, when its columns have no width yet, every value wraps a
      // letter a line and this row's position is far below where it will be.
      ImGui::SetScrollY(ImGui::GetCursorPosY() - ImGui::GetStyle().ItemSpacing.y);
      last_scrolled = scroll_key;
    }
    // On the lit row the name reads in full text colour: the dim one fails contrast there.
    if (pointed) ImGui::TextUnformatted(field);
    else ImGui::TextDisabled("%s", field);
    const bool hovered = ImGui::IsItemHovered();
    ImGui::TableSetColumnIndex(1);
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(value.c_str());
    ImGui::PopTextWrapPos();
    if (hovered || ImGui::IsItemHovered()) hot.emplace_back(begin, end);
  }
};

std::string hex16(unsigned v) {
  char b[8];
  std::snprintf(b, sizeof b, "0x%04x", v);
  return b;
}

}  // namespace

void draw_inspector(const trace::Trace& trace, const SegmentView* s, std::string& last_scrolled,
                    const std::vector<std::string>& highlight_fields) {
  if (!s) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kTextDim);
    ImGui::TextWrapped("%s", tr(Str::InspectorEmpty));
    ImGui::PopStyleColor();
    return;
  }
  const wire::Bytes& bytes = trace.frame(s->frame).bytes;
  auto f = wire::decode_frame(bytes, false);
  const ImVec2 p = ImGui::GetCursorScreenPos();
  draw_flag_chips(ImGui::GetWindowDrawList(), p, s->flags, s->fate != Fate::Arrived);
  ImGui::Dummy(ImVec2(flag_chips_width(s->flags), ImGui::GetTextLineHeight() * 1.2f));
  if (!s->note.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kPlayhead), "%s", note_words(s->note, trace.fault_rules()).c_str());
  if (s->fate != Fate::Arrived) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette::kWarning);
    ImGui::TextWrapped("%s", drop_text(*s, trace.fault_rules()).c_str());  // a rule's name can be long
    ImGui::PopStyleColor();
  }
  if (!f) {
    ImGui::TextWrapped("%s", f.error().message().c_str());
    return;
  }
  std::string key;
  for (const std::string& h : highlight_fields) key += h + ",";
  Rows rows{highlight_fields, key + "#" + std::to_string(s->frame), last_scrolled, {}};
  if (ImGui::BeginTable("fields", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    // As wide as the widest field name (Chinese's "以太网目的地址" is wider than "IP 总长度").
    float names = 0;
    for (Str n : {Str::EthDst, Str::EthSrc, Str::EtherType, Str::IpSrc, Str::IpDst, Str::IpTotalLength, Str::IpId,
                  Str::IpFlags, Str::IpTtl, Str::IpChecksum, Str::TcpPorts, Str::SeqField, Str::AckField,
                  Str::HeaderLength, Str::FlagsField, Str::WindowField, Str::ChecksumField, Str::OptionsField,
                  Str::PayloadField, Str::ArpField, Str::ArpSender, Str::ArpTarget})
      names = std::max(names, ImGui::CalcTextSize(tr(n)).x);
    ImGui::TableSetupColumn("field", ImGuiTableColumnFlags_WidthFixed, names);
    ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
    rows.row("eth.dst", tr(Str::EthDst), f->eth.dst.str(), 0, 6);
    rows.row("eth.src", tr(Str::EthSrc), f->eth.src.str(), 6, 12);
    rows.row("eth.type", tr(Str::EtherType), hex16(f->eth.ethertype), 12, 14);
    if (f->ip) {
      const wire::Ipv4Header& ip = *f->ip;
      rows.row("ip.src", tr(Str::IpSrc), ip.src.str(), 26, 30);
      rows.row("ip.dst", tr(Str::IpDst), ip.dst.str(), 30, 34);
      rows.row("ip.length", tr(Str::IpTotalLength), std::to_string(ip.total_length), 16, 18);
      rows.row("ip.id", tr(Str::IpId), std::to_string(ip.id), 18, 20);
      rows.row("ip.flags", tr(Str::IpFlags), ip.dont_fragment ? "DF" : "-", 20, 22);
      rows.row("ip.ttl", tr(Str::IpTtl), std::to_string(ip.ttl), 22, 23);
      rows.row("ip.checksum", tr(Str::IpChecksum), hex16(ip.checksum), 24, 26);
    }
    if (f->tcp && f->ip) {
      const wire::TcpSegment& t = *f->tcp;
      const size_t o = 14 + f->ip->header_length;  // where the TCP header starts
      const size_t hl = t.header_length();
      rows.row("ports", tr(Str::TcpPorts), std::to_string(t.src_port) + " -> " + std::to_string(t.dst_port), o, o + 4);
      rows.row("seq", tr(Str::SeqField), trf(Str::AbsoluteFmt, std::to_string(s->seq).c_str(), std::to_string(t.seq).c_str()), o + 4, o + 8);
      rows.row("ack", tr(Str::AckField), trf(Str::AbsoluteFmt, std::to_string(s->ack).c_str(), std::to_string(t.ack).c_str()), o + 8, o + 12);
      rows.row("header", tr(Str::HeaderLength), trf(Str::HeaderLengthFmt, static_cast<int>(hl), static_cast<int>(hl - 20)),
               o + 12, o + 13);
      rows.row("flags", tr(Str::FlagsField), wire::flags_string(t.flags), o + 13, o + 14);
      rows.row("window", tr(Str::WindowField), std::to_string(t.window), o + 14, o + 16);
      rows.row("checksum", tr(Str::ChecksumField), hex16(t.checksum), o + 16, o + 18);
      // Options: one row each, all lit together when a lesson points at "options".
      const std::string opts = options_text(t.options, language());
      if (!opts.empty()) {
        rows.row("options", tr(Str::OptionsField), trf(Str::OptionsBytesFmt, opts.c_str(), static_cast<int>(hl - 20)), o + 20, o + hl);
      }
      rows.row("payload", tr(Str::PayloadField), trf(Str::BytesFmt, t.payload.size()), o + hl, o + hl + t.payload.size());
    }
    if (f->arp) {
      rows.row("arp.op", tr(Str::ArpField), tr(f->arp->op == wire::ArpPacket::Request ? Str::ArpRequest : Str::ArpReply), 20, 22);
      rows.row("arp.sender", tr(Str::ArpSender), f->arp->sender_ip.str() + " " + f->arp->sender_mac.str(), 22, 32);
      rows.row("arp.target", tr(Str::ArpTarget), f->arp->target_ip.str(), 38, 42);
    }
    ImGui::EndTable();
  }
  // Hex dump (the first 128 bytes); the hovered or pointed fields' bytes lit.
  ImGui::Spacing();
  const size_t n = std::min<size_t>(bytes.size(), 128);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  // The UI font is proportional: lay bytes out in fixed cells, wide enough for any pair.
  const float cell = std::max({ImGui::CalcTextSize("dd").x, ImGui::CalcTextSize("ff").x, ImGui::CalcTextSize("bb").x}) +
                     ImGui::CalcTextSize(" ").x;
  const float first = ImGui::CalcTextSize("0000  ").x;
  const float lh = ImGui::GetTextLineHeight();
  // 16 bytes a row when the panel is wide enough, else 8.
  const size_t per_row = ImGui::GetContentRegionAvail().x >= first + cell * 16 ? 16 : 8;
  for (size_t off = 0; off < n; off += per_row) {
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    char buf[24];
    std::snprintf(buf, sizeof buf, "%04zx", off);
    dl->AddText(p0, palette::kTextDim, buf);
    for (size_t i = off; i < std::min(off + per_row, n); ++i) {
      const ImVec2 at(p0.x + first + cell * static_cast<float>(i - off), p0.y);
      const bool hot = rows.is_hot(i);
      if (hot) dl->AddRectFilled(ImVec2(at.x - 2, at.y), ImVec2(at.x + cell - 2, at.y + lh), (palette::kHighlight & 0x00ffffffu) | 0x50000000u, 2.0f);
      std::snprintf(buf, sizeof buf, "%02x", bytes[i]);
      dl->AddText(at, hot ? palette::kText : palette::kTextDim, buf);
    }
    ImGui::Dummy(ImVec2(first + cell * static_cast<float>(per_row), lh));
  }
}

}  // namespace synack::ui
