#include "narration.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>
#include <vector>

#include "wire/tcp_header.hpp"

namespace synack::ui {

namespace {

// The sentence parts, one table per language. A language whose word order differs
// writes its whole clause in one format; the parts are joined in the order below.
enum class Say {
  Sends,        // host, flags, seq
  SendsArp,     // host
  AndSends,     // flags, seq: after what the same host received at that instant
  AckPart,      // ack
  BytesPart,    // bytes
  Receives,     // host, flags
  LostCable,    // flags, host
  LostNic,      // flags, host, receiver
  LostHost,     // flags, host, receiver
  EntersPart,   // state
  Enters,       // host, state
  TimerFires,   // host, timer
  Join,         // between clauses
  End,          // after the last
  Count_
};

constexpr const char* kEnglish[] = {
    "the %s sends %s, seq %u",
    "the %s sends an ARP frame",
    " and sends %s, seq %u",
    ", ack %u",
    ", %u bytes of data",
    "the %s receives %s",
    "the %s from the %s is lost on the cable",
    "the %s from the %s is dropped at the %s's network card",
    "the %s from the %s is discarded by the %s",
    ", and enters %s",
    "the %s enters %s",
    "the %s's %s timer fires",
    "; ",
    ".",
};
static_assert(sizeof kEnglish / sizeof kEnglish[0] == static_cast<size_t>(Say::Count_));
// Chinese puts the sender before what it sent ("客户端发出的 SYN"): positional arguments.
constexpr const char* kChinese[] = {
    "%s发送 %s，seq %u",
    "%s发送一个 ARP 帧",
    "，并发送 %s，seq %u",
    "，ack %u",
    "，带 %u 字节数据",
    "%s收到 %s",
    "%2$s发出的 %1$s 在网线上丢失",
    "%2$s发出的 %1$s 在%3$s的网卡处被丢弃",
    "%2$s发出的 %1$s 被%3$s丢弃",
    "，进入 %s 状态",
    "%s进入 %s 状态",
    "%s的 %s 定时器超时",
    "；",
    "。",
};
static_assert(sizeof kChinese / sizeof kChinese[0] == static_cast<size_t>(Say::Count_));

const char* said(Say s, Lang lang) {
  return (lang == Lang::Zh ? kChinese : kEnglish)[static_cast<size_t>(s)];
}

// A host as the sentence names it: the course's two roles in the language's words, any
// other name as the scenario wrote it.
std::string host_words(const std::string& name, Lang lang) {
  if (lang == Lang::Zh) {
    if (name == "client") return "客户端";
    if (name == "server") return "服务端";
    return name + " ";
  }
  return name;
}

std::string fmt(Lang lang, Say s, ...) {
  char buf[256];
  va_list args;
  va_start(args, s);
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"  // the format is the table's
  std::vsnprintf(buf, sizeof buf, said(s, lang), args);
#pragma GCC diagnostic pop
  va_end(args);
  return buf;
}

std::string flag_words(const SegmentView& s, Lang lang) {
  // ACK last, as the ladder labels them ("SYN,ACK").
  std::string f;
  const auto add = [&](uint8_t bit, const char* name) {
    if (!(s.flags & bit)) return;
    f += (f.empty() ? "" : ",") + std::string(name);
  };
  add(wire::tcpflag::SYN, "SYN");
  add(wire::tcpflag::FIN, "FIN");
  add(wire::tcpflag::RST, "RST");
  add(wire::tcpflag::PSH, "PSH");
  add(wire::tcpflag::ACK, "ACK");
  return f.empty() ? (lang == Lang::Zh ? "报文段" : "a segment") : f;
}

}  // namespace

Narration narrate(const Timeline& tl, int64_t t, bool relative, Lang lang) {
  Narration out;
  const auto it = std::upper_bound(tl.event_times.begin(), tl.event_times.end(), t);
  if (it == tl.event_times.begin()) return out;
  const int64_t at = *(it - 1);
  out.t = at;
  const std::string host[2] = {host_words(tl.left_name, lang), host_words(tl.right_name, lang)};

  // One clause per thing that happened: what arrived first, then what was sent (a host
  // that answers at the instant it receives says both in one clause), then each side's
  // state change joined to its clause.
  std::vector<std::string> clauses;
  int clause_of[2] = {-1, -1};  // the clause a side's sending and state change join
  for (const SegmentView& s : tl.segments) {
    if (s.t_end != at || s.is_arp || s.from_side < 0 || s.from_side > 1) continue;
    const int to = 1 - s.from_side;
    const std::string f = flag_words(s, lang);
    const char* from = host[s.from_side].c_str();
    switch (s.fate) {
      case Fate::Arrived:
        clause_of[to] = static_cast<int>(clauses.size());
        clauses.push_back(fmt(lang, Say::Receives, host[to].c_str(), f.c_str()));
        break;
      case Fate::DiedOnCable: clauses.push_back(fmt(lang, Say::LostCable, f.c_str(), from)); break;
      case Fate::DiedAtNic: clauses.push_back(fmt(lang, Say::LostNic, f.c_str(), from, host[to].c_str())); break;
      case Fate::DiedAtHost: clauses.push_back(fmt(lang, Say::LostHost, f.c_str(), from, host[to].c_str())); break;
    }
  }
  for (const SegmentView& s : tl.segments) {
    if (s.t_sent != at || s.from_side < 0 || s.from_side > 1) continue;
    const int side = s.from_side;
    const char* who = host[side].c_str();
    if (s.is_arp) {
      clauses.push_back(fmt(lang, Say::SendsArp, who));
      continue;
    }
    const uint32_t seq = relative ? s.seq : s.abs_seq;
    std::string c = clause_of[side] >= 0 ? fmt(lang, Say::AndSends, flag_words(s, lang).c_str(), seq)
                                         : fmt(lang, Say::Sends, who, flag_words(s, lang).c_str(), seq);
    if (s.flags & wire::tcpflag::ACK) c += fmt(lang, Say::AckPart, relative ? s.ack : s.abs_ack);
    if (s.len > 0) c += fmt(lang, Say::BytesPart, s.len);
    if (clause_of[side] >= 0) {
      clauses[static_cast<size_t>(clause_of[side])] += c;
    } else {
      clause_of[side] = static_cast<int>(clauses.size());
      clauses.push_back(c);
    }
  }
  for (const StateMark& m : tl.states) {
    if (m.t != at || m.side < 0 || m.side > 1) continue;
    if (clause_of[m.side] >= 0) {
      clauses[static_cast<size_t>(clause_of[m.side])] += fmt(lang, Say::EntersPart, m.to.c_str());
      clause_of[m.side] = -1;  // a second change at the same instant is its own clause
    } else {
      clauses.push_back(fmt(lang, Say::Enters, host[m.side].c_str(), m.to.c_str()));
    }
  }
  for (const TimerMark& m : tl.timers)
    if (m.t == at && m.what == trace::TimerAction::Fired && m.side >= 0 && m.side < 2)
      clauses.push_back(fmt(lang, Say::TimerFires, host[m.side].c_str(), m.name.c_str()));

  for (const std::string& c : clauses) out.text += (out.text.empty() ? "" : said(Say::Join, lang)) + c;
  if (out.text.empty()) return out;
  out.text += said(Say::End, lang);
  if (out.text[0] >= 'a' && out.text[0] <= 'z') out.text[0] = static_cast<char>(out.text[0] - 'a' + 'A');
  return out;
}

const Narration& NarrationCache::at_time(const Timeline& tl, size_t run_no, int64_t t, bool relative_seq, Lang lang) {
  const auto it = std::upper_bound(tl.event_times.begin(), tl.event_times.end(), t);
  const int64_t latest = it == tl.event_times.begin() ? -1 : *(it - 1);
  if (run_no != run || latest != at || relative_seq != relative || lang != said_in) {
    run = run_no;
    said_in = lang;
    at = latest;
    relative = relative_seq;
    said = narrate(tl, t, relative_seq, lang);
  }
  return said;
}

}  // namespace synack::ui
