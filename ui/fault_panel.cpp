#include "fault_panel.hpp"

#include <imgui.h>

#include "sim/time_text.hpp"
#include "capture_open.hpp"
#include "run_words.hpp"
#include "strings.hpp"
#include "style.hpp"

namespace synack::ui {

namespace {

// A fault on the next matching segment a host sends after the playhead.
Edit next_fault(const std::string& host, link::FlagMatch m, link::FaultActionKind k, sim::Duration amount, int64_t t) {
  scenario::FaultSpec f;
  f.from = host;
  f.rule.match.flags = m;
  f.rule.match.nth = 1;
  f.rule.match.after = sim::Time{t};
  f.rule.action.kind = k;
  f.rule.action.amount = amount;
  f.rule.name = trf(Str::RuleNextFmt, fault_keyword_words(link::to_string(k), language()).c_str(),
                    fault_keyword_words(link::to_string(m), language()).c_str(), host.c_str(), sim::seconds_text(t).c_str());
  const std::string label = f.rule.name;
  return Edit{label, [f](scenario::Scenario& s) { s.faults.push_back(f); }};
}

Edit call(const std::string& host, scenario::Op op, const char* what, uint64_t bytes, int64_t t) {
  scenario::ActionSpec a;
  a.at = sim::Time{t};
  a.host = host;
  a.op = op;
  a.bytes = bytes;
  return Edit{trf(Str::AppCallAtFmt, host.c_str(), what, sim::seconds_text(t).c_str()),
              [a](scenario::Scenario& s) { s.actions.push_back(a); }};
}

// "Send a hand-made segment at the playhead": a small form whose segment becomes a
// [[segment]] action of the branch, like the application calls above.
Action draw_handmade_form(HandmadeForm& m, UiView& view, const std::string& left, const std::string& right, int64_t t) {
  using Base = host::SeqValue::Base;
  static const char* seq_names[] = {"snd.nxt", "snd.una", "isn", "absolute"};
  static const Base seq_bases[] = {Base::SndNxt, Base::SndUna, Base::Isn, Base::Absolute};
  static const char* ack_names[] = {"rcv.nxt", "peer.isn", "absolute"};
  static const Base ack_bases[] = {Base::RcvNxt, Base::PeerIsn, Base::Absolute};

  ImGui::Separator();
  ImGui::TextUnformatted(tr(Str::HandmadeTitle));
  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kTextDim), "%s", tr(Str::HandmadeIntro));
  ImGui::PopTextWrapPos();
  ImGui::PushID("handmade");
  ImGui::TextUnformatted(tr(Str::HandmadeFrom));
  ImGui::SameLine();
  ImGui::RadioButton(left.c_str(), &m.from, 0);
  ImGui::SameLine();
  ImGui::RadioButton(right.c_str(), &m.from, 1);
  ImGui::TextUnformatted(tr(Str::HandmadeFlags));
  for (auto [name, flag] : {std::pair<const char*, bool*>{"SYN", &m.syn}, {"ACK", &m.ack}, {"FIN", &m.fin}, {"RST", &m.rst},
                            {"PSH", &m.psh}}) {
    ImGui::SameLine();
    ImGui::Checkbox(name, flag);
  }
  const float w = ImGui::GetFontSize() * 6;
  auto number_row = [w](Str label, const char* id, int* base, const char* const* names, int n, int* off) {
    ImGui::TextUnformatted(tr(label));
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::Combo((std::string("##base") + id).c_str(), base, names, n);
    ImGui::SameLine();
    ImGui::TextUnformatted(*base == n - 1 ? "=" : "+");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w);
    ImGui::InputInt((std::string("##off") + id).c_str(), off);
    if (*base == n - 1 && *off < 0) *off = 0;  // an absolute number is not negative
  };
  number_row(Str::HandmadeSeq, "seq", &m.seq_base, seq_names, 4, &m.seq_off);
  number_row(Str::HandmadeAck, "ack", &m.ack_base, ack_names, 3, &m.ack_off);
  ImGui::SetNextItemWidth(w * 2);
  ImGui::SliderInt(tr(Str::HandmadeLen), &m.len, 0, 1460);
  ImGui::Checkbox(tr(Str::HandmadeBadChecksum), &m.bad_checksum);

  host::HandmadeSegment g;
  using namespace wire::tcpflag;
  g.flags = static_cast<uint8_t>((m.syn ? SYN : 0) | (m.ack ? ACK : 0) | (m.fin ? FIN : 0) | (m.rst ? RST : 0) | (m.psh ? PSH : 0));
  g.seq = host::SeqValue{seq_bases[m.seq_base], m.seq_off};
  g.ack = host::SeqValue{ack_bases[m.ack_base], m.ack_off};
  g.len = static_cast<uint32_t>(m.len);
  g.bad_checksum = m.bad_checksum;
  const bool send = ImGui::Button(trf(Str::HandmadeSendFmt, sim::seconds_text(t).c_str()).c_str());
  note_item(view, "handmade_send");
  Action out;
  if (send) {
    scenario::ActionSpec a;
    a.at = sim::Time{t};
    a.host = m.from == 0 ? left : right;
    a.op = scenario::Op::Segment;
    a.segment = g;
    out = Action::apply(Edit{trf(Str::RuleHandmadeFmt, a.host.c_str(), sim::seconds_text(t).c_str(), g.describe().c_str()),
                             [a](scenario::Scenario& s) { s.actions.push_back(a); }});
  }
  ImGui::PopID();
  return out;
}

}  // namespace

Action draw_fault_panel(const analysis::Run& run, const Branch& branch, size_t generation, const Display& d,
                        BreakForm& form, UiView& view) {
  if (run.capture) {
    ImGui::TextWrapped("%s", capture_word(CaptureWord::BreakOff));
    note_item(view, "break_off");
    return {};
  }
  if (!run.simulated || run.hosts.size() < 2) return {};
  const int64_t t = d.t;
  const std::string left = run.hosts[0].name, right = run.hosts[1].name;
  // At most one control is clicked in a frame: its action is the panel's answer.
  Action out;
  const auto ask = [&out](Edit e) { out = Action::apply(std::move(e)); };
  int& delay_ms = form.delay_ms;
  int& down_ms = form.down_ms;

  ImGui::PushTextWrapPos(0.0f);
  ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kTextDim), tr(Str::BreakIntro), sim::seconds_text(t).c_str());
  ImGui::PopTextWrapPos();
  using FM = link::FlagMatch;
  using FA = link::FaultActionKind;
  // One column per host: the faults hit what that host sends next.
  if (ImGui::BeginTable("break", 2, ImGuiTableFlags_SizingStretchSame)) {
    for (int side = 0; side < 2; ++side) {
      ImGui::TableNextColumn();
      const std::string& h = side == 0 ? left : right;
      ImGui::PushID(side);
      ImGui::TextUnformatted(h.c_str());
      const float w = -1.0f;
      if (ImGui::Button(tr(Str::DropNextAck), ImVec2(w, 0))) ask(next_fault(h, FM::PureAck, FA::Drop, {}, t));
      if (ImGui::Button(tr(Str::DropNextData), ImVec2(w, 0))) ask(next_fault(h, FM::Data, FA::Drop, {}, t));
      if (ImGui::Button(tr(Str::DropNextFin), ImVec2(w, 0))) ask(next_fault(h, FM::Fin, FA::Drop, {}, t));
      if (ImGui::Button(tr(Str::DelayNextSyn), ImVec2(w, 0)))
        ask(next_fault(h, FM::Syn, FA::Delay, sim::milliseconds(delay_ms), t));
      if (ImGui::Button(tr(Str::DuplicateNext), ImVec2(w, 0)))
        ask(next_fault(h, FM::Any, FA::Duplicate, sim::milliseconds(50), t));
      if (ImGui::Button(tr(Str::CorruptNext), ImVec2(w, 0))) ask(next_fault(h, FM::Any, FA::Corrupt, {}, t));
      ImGui::Spacing();
      if (ImGui::Button(tr(Str::AppSend), ImVec2(w, 0))) ask(call(h, scenario::Op::Send, "send(1000)", 1000, t));
      if (ImGui::Button(tr(Str::AppClose), ImVec2(w, 0))) ask(call(h, scenario::Op::Close, "close()", 0, t));
      if (ImGui::Button(tr(Str::AppAbort), ImVec2(w, 0))) ask(call(h, scenario::Op::Abort, "abort()", 0, t));
      if (ImGui::Button(tr(Str::AppKill), ImVec2(w, 0))) ask(call(h, scenario::Op::Kill, "killed", 0, t));
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::SliderInt(tr(Str::DelayAmount), &delay_ms, 100, 10000, "%d ms");
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::SliderInt("##down", &down_ms, 100, 20000, "%d ms");
  ImGui::SameLine();
  if (ImGui::Button(tr(Str::LinkDown))) {
    // The cable goes down when the next segment of either side meets it.
    scenario::FaultSpec f;
    f.rule.match.nth = 1;
    f.rule.match.after = sim::Time{t};
    f.rule.action.kind = FA::LinkDown;
    f.rule.action.amount = sim::milliseconds(down_ms);
    f.rule.name = trf(Str::RuleLinkDownFmt, down_ms, sim::seconds_text(t).c_str());
    ask(Edit{f.rule.name, [f](scenario::Scenario& s) { s.faults.push_back(f); }});
  }

  if (Action a = draw_handmade_form(form.handmade, view, left, right, t)) out = std::move(a);

  // The receiving NIC of the right host: ring size and drain interval, for the whole run.
  ImGui::Separator();
  int& ring = form.ring;
  int& drain_us = form.drain_us;
  if (form.nic_of_run != generation) {
    // A new run (another scenario, or a branch of this one): its own NIC's settings.
    const link::NicConfig& nic = run.hosts[1].nic;
    ring = static_cast<int>(nic.rx_ring_size);
    drain_us = static_cast<int>(nic.drain_interval.ns / 1000);
    form.nic_of_run = generation;
  }
  ImGui::TextDisabled(tr(Str::NicOf), right.c_str());
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::SliderInt(tr(Str::RingSize), &ring, 1, 256);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
  ImGui::SliderInt(tr(Str::DrainEvery), &drain_us, 1, 2000, "%d us");
  if (ImGui::Button(tr(Str::ApplyNic))) {
    const int r = ring, d_us = drain_us;
    const std::string host = right;
    ask(Edit{trf(Str::RuleNicFmt, host.c_str(), r, d_us),
             [r, d_us, host](scenario::Scenario& s) {
               for (auto& h : s.hosts)
                 if (h.config.name == host) {
                   h.config.nic.rx_ring_size = static_cast<size_t>(r);
                   h.config.nic.drain_interval = sim::Duration{int64_t{d_us} * 1000};
                 }
             }});
  }

  // Every rule in force: the scenario's, then this branch's edits.
  ImGui::Separator();
  ImGui::TextUnformatted(tr(Str::RulesInForce));
  if (branch.base.faults.empty() && branch.edits.empty()) ImGui::TextDisabled("%s", tr(Str::NoRules));
  ImGui::PushTextWrapPos(0.0f);
  for (const scenario::FaultSpec& f : branch.base.faults)
    ImGui::BulletText("%s%s", f.rule.name.empty() ? run_words().fault(f.rule.desc()).c_str() : f.rule.name.c_str(),
                      f.from.empty() ? "" : (" (" + f.from + ")").c_str());
  for (const Edit& e : branch.edits) {
    ImGui::Bullet();
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette::kHighlight), "%s", e.label.c_str());
  }
  ImGui::PopTextWrapPos();
  if (!branch.edits.empty()) {
    if (ImGui::Button(tr(Str::Undo))) out = Action(Action::Kind::BranchUndo);
    ImGui::SameLine();
    if (ImGui::Button(tr(Str::Original))) out = Action(Action::Kind::BranchReset);
  }
  return out;
}

}  // namespace synack::ui
