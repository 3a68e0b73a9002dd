// The run's words in Chinese: every key of every table the trace's words come from
// (frame notes, connection notes, event notes, calls, results, drop reasons, capture
// marks, retransmission causes, decoder errors, drop sites) says something Chinese, not
// the English; and the event log in Chinese is the English log's lines, reworded.
#include <gtest/gtest.h>

#include <string>

#include "engine/two_hosts.hpp"
#include "run_words.hpp"
#include "trace/export.hpp"

using namespace synack;
using ui::Lang;

namespace {

// A Han character: UTF-8 lead bytes 0xE4-0xE9 cover U+4E00-U+9FFF.
bool has_chinese(const std::string& s) {
  for (unsigned char c : s)
    if (c >= 0xE4 && c <= 0xE9) return true;
  return false;
}

const trace::Words& zh() { return ui::run_words(Lang::Zh); }
const trace::Words& en() { return ui::run_words(Lang::En); }

// Chinese, and not the English: the key has its own words.
void expect_chinese(const std::string& zh_text, const std::string& en_text, const std::string& key) {
  EXPECT_TRUE(has_chinese(zh_text)) << key << ": \"" << zh_text << "\"";
  EXPECT_NE(zh_text, en_text) << key;
  EXPECT_FALSE(has_chinese(en_text)) << key << ": \"" << en_text << "\"";
}

struct OneHost {
  trace::Trace t;
  uint16_t h = t.add_host("client");
  std::string say(const trace::Words& w, trace::Payload p) { return w.event(t, trace::TraceEvent{.host = h, .what = std::move(p)}); }
};

}  // namespace

TEST(RunWords, EveryFrameNoteHasItsChinese) {
  const std::vector<trace::FaultDesc> rules = {{.name = "lose it", .action = "duplicate", .flags = "ack"}};
  for (int k = 1; k <= static_cast<int>(trace::FrameNoteKind::FaultCorrupted); ++k) {
    const trace::FrameNote n{.kind = static_cast<trace::FrameNoteKind>(k), .n = 1};
    expect_chinese(zh().note(n, rules), en().note(n, rules), "FrameNoteKind #" + std::to_string(k));
    if (!en().note_brief(n, rules).empty())
      expect_chinese(zh().note_brief(n, rules), en().note_brief(n, rules), "brief FrameNoteKind #" + std::to_string(k));
  }
  // The last kind is a capture's, whose words are the capture's own.
  EXPECT_EQ(static_cast<int>(trace::FrameNoteKind::Capture), static_cast<int>(trace::FrameNoteKind::FaultCorrupted) + 1);
  for (int c = 0; c <= static_cast<int>(trace::RetransmitCause::TailLossProbe); ++c) {
    const trace::FrameNote n{.kind = trace::FrameNoteKind::Retransmission, .cause = static_cast<trace::RetransmitCause>(c), .n = 2};
    expect_chinese(zh().note(n, {}), en().note(n, {}), "RetransmitCause #" + std::to_string(c));
  }
  EXPECT_EQ(zh().note({.kind = trace::FrameNoteKind::Retransmission, .n = 1}, {}), "第 1 次重传（超时）");
  EXPECT_EQ(zh().note({.kind = trace::FrameNoteKind::DuplicateAck}, {}), "重复 ACK");
}

TEST(RunWords, EveryConnectionNoteHasItsChinese) {
  for (int k = 0; k <= static_cast<int>(trace::TcpNote::MssZero); ++k) {
    const auto note = static_cast<trace::TcpNote>(k);
    expect_chinese(zh().tcp_note(note, 3), en().tcp_note(note, 3), "TcpNote #" + std::to_string(k));
    EXPECT_EQ(en().tcp_note(note, 3), trace::tcp_note_text(note, 3));  // the English is the export's
  }
}

TEST(RunWords, EveryEventNoteCallResultAndDropHasItsChinese) {
  OneHost o;
  for (int k = 0; k <= static_cast<int>(trace::NoteKind::Capture); ++k) {
    const trace::Note n{.kind = static_cast<trace::NoteKind>(k), .n = 80, .ip = *wire::Ipv4Addr::parse("10.0.0.2"), .words = "x"};
    expect_chinese(o.say(zh(), n), o.say(en(), n), "NoteKind #" + std::to_string(k));
  }
  // listen(80) and close() are the socket API's names in both; every other call is worded.
  for (int k = 0; k <= static_cast<int>(trace::Call::Requests); ++k) {
    const auto call = static_cast<trace::Call>(k);
    if (call == trace::Call::Listen) continue;
    const trace::AppCall c{.call = call, .port = 80, .bytes = 1000, .n = 5, .idle_ns = 1500000000};
    expect_chinese(o.say(zh(), c), o.say(en(), c), "Call #" + std::to_string(k));
  }
  for (int k = 0; k <= static_cast<int>(trace::Result::ReplyComplete); ++k) {
    const trace::AppResult r{.result = static_cast<trace::Result>(k), .n = 1, .of = 2, .cause = tcp::Cause::Reset};
    expect_chinese(o.say(zh(), r), o.say(en(), r), "Result #" + std::to_string(k));
  }
  o.t.set_fault_rule(1, {.action = "drop", .flags = "ack", .nth = 1});
  for (int k = 1; k <= static_cast<int>(trace::DropReason::SwitchNoPort); ++k) {
    const trace::FrameDropped d{.reason = static_cast<trace::DropReason>(k), .n = 1, .error = wire::DecodeErrorKind::BadTcpChecksum};
    expect_chinese(o.say(zh(), d), o.say(en(), d), "DropReason #" + std::to_string(k));
  }
  for (int s = 0; s <= static_cast<int>(trace::Site::Tap); ++s) {
    const trace::TraceEvent e{.what = trace::FrameDropped{.site = static_cast<trace::Site>(s), .reason = trace::DropReason::LinkDown}};
    expect_chinese(zh().detail(e), en().detail(e), "Site #" + std::to_string(s));
  }
  for (int k = 0; k <= static_cast<int>(wire::DecodeErrorKind::BadPcapRecord); ++k) {
    const auto kind = static_cast<wire::DecodeErrorKind>(k);
    expect_chinese(ui::decode_error_text(kind, "", Lang::Zh), ui::decode_error_text(kind, "", Lang::En),
                   "DecodeErrorKind #" + std::to_string(k));
  }
  // The causes after listen() and close() of a listener (the socket API's names in both).
  for (int k = static_cast<int>(tcp::Cause::ConnectSendsSyn); k < static_cast<int>(tcp::Cause::Count_); ++k) {
    const trace::TraceEvent e = trace::state_change(1, tcp::State::Listen, tcp::State::SynReceived, static_cast<tcp::Cause>(k));
    expect_chinese(zh().detail(e), en().detail(e), "Cause #" + std::to_string(k));
  }
  EXPECT_EQ(o.say(zh(), trace::LinkState{true}), "网线接通");
}

TEST(RunWords, EveryCaptureMarkHasItsChinese) {
  for (int k = 0; k < static_cast<int>(trace::MarkKind::Count_); ++k) {
    const trace::Mark m{static_cast<trace::MarkKind>(k), 2, 17};
    expect_chinese(zh().mark(m), en().mark(m), "MarkKind #" + std::to_string(k));
  }
  EXPECT_EQ(en().mark({trace::MarkKind::DuplicateAck, 2, 17}), "duplicate ACK 2 of frame 17");
  EXPECT_EQ(zh().mark({trace::MarkKind::DuplicateAck, 2, 17}), "第 17 帧的第 2 个重复 ACK");
}

TEST(RunWords, AFaultRuleIsSaidByItsNameOrWhatItMatches) {
  const trace::FaultDesc nth{.action = "drop", .flags = "ack", .nth = 1};
  const trace::FaultDesc some{.action = "drop", .flags = "data", .percent = 30};
  const trace::FaultDesc named{.name = "lose the ACKs", .action = "drop", .flags = "ack"};
  EXPECT_EQ(en().fault(nth), "drop (drop #1 ack)");
  EXPECT_EQ(en().fault(some), "drop (drop 30% of data)");
  EXPECT_EQ(en().fault(named), "lose the ACKs (drop ack)");
  EXPECT_EQ(zh().fault(nth), "丢弃第 1 个 ACK");
  EXPECT_EQ(zh().fault(named), "lose the ACKs（丢弃每个 ACK）");
  EXPECT_EQ(ui::fault_in_words(nth, Lang::En), "the 1st ACK");
  EXPECT_EQ(ui::fault_in_words(some, Lang::En), "30% of each data segment");
  EXPECT_EQ(ui::fault_in_words(named, Lang::En), "lose the ACKs");
  EXPECT_EQ(ui::fault_in_words(nth, Lang::Zh), "第 1 个 ACK");
  EXPECT_EQ(ui::fault_in_words(some, Lang::Zh), "每个数据报文段的 30%");
  EXPECT_EQ(ui::fault_in_words({.action = "drop", .flags = "any"}, Lang::Zh), "每个报文段");
  // The fault panel's rules are named by these: every action and class of segment.
  for (const char* k : {"drop", "delay", "duplicate", "reorder", "corrupt", "link-down", "any", "data"}) {
    EXPECT_EQ(ui::fault_keyword_words(k, Lang::En), k);
    EXPECT_TRUE(has_chinese(ui::fault_keyword_words(k, Lang::Zh))) << k;
  }
  EXPECT_EQ(ui::fault_keyword_words("syn-ack", Lang::Zh), "SYN,ACK");
}

// A lost SYN and its retransmission: the Chinese log has a line for each of the
// English log's, at the same events, with the frames' tcpdump text left as it is.
TEST(RunWords, TheEventLogInChineseHasTheEnglishLogsLines) {
  synack::testing::TwoHosts t;
  t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.client->id(), .flags = link::FlagMatch::Syn, .nth = 1},
                                          .action = {.kind = link::FaultActionKind::Drop}});
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
  t.run_ms(1500);
  const auto en_log = ui::event_log(t.w->trace(), Lang::En);
  const auto zh_log = ui::event_log(t.w->trace(), Lang::Zh);
  ASSERT_EQ(en_log.size(), zh_log.size());
  const auto english_text = trace::to_text_lines(t.w->trace());
  ASSERT_EQ(en_log.size(), english_text.size());
  std::string all;
  for (size_t i = 0; i < en_log.size(); ++i) {
    EXPECT_EQ(en_log[i].text, english_text[i].text);  // English is the CLI's
    EXPECT_EQ(zh_log[i].event, en_log[i].event);
    EXPECT_EQ(zh_log[i].t_ns, en_log[i].t_ns);
    all += zh_log[i].text + "\n";
  }
  EXPECT_NE(all.find("丢弃（故障规则 1：丢弃第 1 个 SYN）"), std::string::npos) << all;
  EXPECT_NE(all.find("  (第 1 次重传（超时）)"), std::string::npos) << all;
  EXPECT_NE(all.find("连接 1 CLOSED -> SYN-SENT  [connect() 发出 SYN]"), std::string::npos) << all;
  EXPECT_NE(all.find("Flags [S], seq 0"), std::string::npos) << all;
  for (const char* english : {"conn ", "DROPPED", "timer ", "retransmission", "fault rule"})
    EXPECT_EQ(all.find(english), std::string::npos) << english << " in\n" << all;
}

TEST(RunWords, TheSynOptionsInBothLanguages) {
  wire::TcpOptions o;
  o.mss = 1460;
  o.window_scale = 7;
  o.sack_permitted = true;
  o.timestamps = wire::Timestamps{1, 0};
  EXPECT_EQ(ui::options_text(o, Lang::En), "MSS 1460, window scale 7, SACK permitted, timestamps 1/0");
  EXPECT_EQ(ui::options_text(o, Lang::Zh), "MSS 1460，窗口缩放系数 7，允许选择确认 (SACK)，时间戳 1/0");
  EXPECT_EQ(ui::options_text(wire::TcpOptions{}, Lang::Zh), "");
}

TEST(RunWords, TheLaddersTimerMarkSpeaksTheLanguageOnScreen) {
  ui::set_language(Lang::Zh);
  EXPECT_EQ(ui::timer_fired_words("RTO"), "RTO 超时");
  ui::set_language(Lang::En);
  EXPECT_EQ(ui::timer_fired_words("RTO"), "RTO fired");
}
