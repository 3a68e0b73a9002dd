#include "inspector_view.hpp"

#include <cstdio>
#include <string>

#include "chips.hpp"
#include "strings.hpp"
#include "style.hpp"
#include "wire/frame.hpp"

namespace synack::ui {

namespace {

void row(const char* field, const std::string& value) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("%s", field);
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(value.c_str());
}

std::string hex16(unsigned v) {
  char b[8];
  std::snprintf(b, sizeof b, "0x%04x", v);
  return b;
}

}  // namespace

void draw_inspector(const trace::Trace& trace, const SegmentView* s) {
  ImGui::TextUnformatted(tr(Str::Inspector));
  ImGui::Separator();
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
  if (!s->note.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kPlayhead), "%s", s->note.c_str());
  if (!s->why.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kWarning), "%s", s->why.c_str());
  if (!f) {
    ImGui::TextWrapped("%s", f.error().message().c_str());
    return;
  }
  if (ImGui::BeginTable("fields", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
    row("Ethernet dst", f->eth.dst.str());
    row("Ethernet src", f->eth.src.str());
    row("EtherType", hex16(f->eth.ethertype));
    if (f->ip) {
      const wire::Ipv4Header& ip = *f->ip;
      row("IP src", ip.src.str());
      row("IP dst", ip.dst.str());
      row("IP total length", std::to_string(ip.total_length));
      row("IP id", std::to_string(ip.id));
      row("IP flags", ip.dont_fragment ? "DF" : "-");
      row("IP TTL", std::to_string(ip.ttl));
      row("IP checksum", hex16(ip.checksum));
    }
    if (f->tcp) {
      const wire::TcpSegment& t = *f->tcp;
      row("TCP ports", std::to_string(t.src_port) + " -> " + std::to_string(t.dst_port));
      row("seq", std::to_string(s->seq) + "  (absolute " + std::to_string(t.seq) + ")");
      row("ack", std::to_string(s->ack) + "  (absolute " + std::to_string(t.ack) + ")");
      row("header length", std::to_string(t.header_length()) + " bytes");
      row("flags", wire::flags_string(t.flags));
      row("window", std::to_string(t.window));
      row("checksum", hex16(t.checksum));
      if (t.options.mss) row("option MSS", std::to_string(*t.options.mss));
      if (t.options.window_scale) row("option window scale", std::to_string(*t.options.window_scale));
      if (t.options.sack_permitted) row("option SACK", "permitted");
      if (t.options.timestamps)
        row("option timestamps", std::to_string(t.options.timestamps->value) + " / " +
                                     std::to_string(t.options.timestamps->echo_reply));
      for (const auto& b : t.options.sack)
        row("option SACK block", std::to_string(b.left) + " - " + std::to_string(b.right));
      row("payload", std::to_string(t.payload.size()) + " bytes");
    }
    if (f->arp) {
      row("ARP", f->arp->op == wire::ArpPacket::Request ? "request" : "reply");
      row("sender", f->arp->sender_ip.str() + " " + f->arp->sender_mac.str());
      row("target", f->arp->target_ip.str());
    }
    ImGui::EndTable();
  }
  // Hex dump, 16 bytes a row (the first 128 bytes).
  ImGui::Spacing();
  const size_t n = std::min<size_t>(bytes.size(), 128);
  for (size_t off = 0; off < n; off += 16) {
    char buf[80];
    int k = std::snprintf(buf, sizeof buf, "%04zx ", off);
    for (size_t i = off; i < std::min(off + 16, n); ++i) k += std::snprintf(buf + k, sizeof buf - static_cast<size_t>(k), " %02x", bytes[i]);
    ImGui::TextDisabled("%s", buf);
  }
}

}  // namespace synack::ui
