// The sentence the page's live region says as the playhead passes each event.
#include <gtest/gtest.h>

#include "engine/two_hosts.hpp"
#include "narration.hpp"
#include "analysis/timeline.hpp"

using namespace synack;
using synack::testing::TwoHosts;

namespace {
ui::Timeline handshake(bool drop_syn) {
  TwoHosts t;
  if (drop_syn)
    t.w->faults().push_back(link::FaultRule{.match = {.from_host = t.client->id(), .flags = link::FlagMatch::Syn, .nth = 1},
                                            .action = {.kind = link::FaultActionKind::Drop}});
  t.at_ms(0, [&] { t.server->listen(80, {}); });
  t.at_ms(10, [&] { t.client->connect(t.server_ip(), 80); });
  t.run_ms(1500);
  return ui::build_timeline(t.w->trace(), t.client->id(), t.server->id());
}
}  // namespace

TEST(Narration, SaysEachHandshakeEventAsThePlayheadPassesIt) {
  const ui::Timeline tl = handshake(false);
  ASSERT_EQ(tl.segments.size(), 3u);
  const int64_t syn = tl.segments[0].t_sent, synack = tl.segments[1].t_sent, ack = tl.segments[2].t_sent;
  EXPECT_EQ(ui::narrate(tl, syn, true).text, "The client sends SYN, seq 0, and enters SYN-SENT.");
  EXPECT_EQ(ui::narrate(tl, syn, true).t, syn);
  // Between events, the latest one is still what happened last.
  EXPECT_EQ(ui::narrate(tl, syn + 1000, true).t, syn);
  EXPECT_EQ(ui::narrate(tl, synack, true).text,
            "The server receives SYN and sends SYN,ACK, seq 0, ack 1, and enters SYN-RCVD.");
  EXPECT_EQ(ui::narrate(tl, ack, true).text,
            "The client receives SYN,ACK and sends ACK, seq 1, ack 1, and enters ESTABLISHED.");
  EXPECT_EQ(ui::narrate(tl, tl.segments[2].t_end, true).text, "The server receives ACK, and enters ESTABLISHED.");
  // Absolute numbers, as on the wire.
  EXPECT_NE(ui::narrate(tl, syn, false).text.find("seq " + std::to_string(tl.segments[0].abs_seq)), std::string::npos);
}

TEST(Narration, NothingBeforeTheFirstEvent) {
  const ui::Timeline tl = handshake(false);
  ASSERT_FALSE(tl.event_times.empty());
  const ui::Narration n = ui::narrate(tl, tl.event_times.front() - 1, true);
  EXPECT_EQ(n.t, -1);
  EXPECT_EQ(n.text, "");
}

TEST(Narration, SaysWhatWasLostAndTheTimerThatFires) {
  const ui::Timeline tl = handshake(true);
  ASSERT_GE(tl.segments.size(), 2u);
  const ui::SegmentView& lost = tl.segments[0];
  ASSERT_NE(lost.fate, ui::Fate::Arrived);
  EXPECT_NE(ui::narrate(tl, lost.t_end, true).text.find("The SYN from the client is "), std::string::npos)
      << ui::narrate(tl, lost.t_end, true).text;
  // The retransmission: the client's RTO fires as it sends the SYN again.
  const std::string again = ui::narrate(tl, tl.segments[1].t_sent, true).text;
  EXPECT_NE(again.find("The client sends SYN, seq 0"), std::string::npos) << again;
  EXPECT_NE(again.find("the client's RTO timer fires"), std::string::npos) << again;
}

TEST(Narration, TheCacheSaysWhatNarrateSaysAndFollowsTheRun) {
  const ui::Timeline tl = handshake(false), lost = handshake(true);
  ui::NarrationCache cache;
  const int64_t syn = tl.segments[0].t_sent, synack = tl.segments[1].t_sent;
  EXPECT_EQ(cache.at_time(tl, 1, syn, true, ui::Lang::En).text, ui::narrate(tl, syn, true).text);
  EXPECT_EQ(cache.at_time(tl, 1, syn + 5, true, ui::Lang::En).t, syn);  // the same event: kept
  EXPECT_EQ(cache.at_time(tl, 1, synack, true, ui::Lang::En).text, ui::narrate(tl, synack, true).text);
  EXPECT_EQ(cache.at_time(tl, 1, synack, false, ui::Lang::En).text, ui::narrate(tl, synack, false).text);
  // Another run at a time that is an event in both: made afresh.
  const int64_t t = lost.segments[0].t_end;
  EXPECT_EQ(cache.at_time(lost, 2, t, true, ui::Lang::En).text, ui::narrate(lost, t, true).text);
  EXPECT_EQ(cache.at_time(tl, 1, tl.event_times.front() - 1, true, ui::Lang::En).t, -1);
  // The language switched at the same moment: said again in the new language.
  EXPECT_EQ(cache.at_time(tl, 1, syn, true, ui::Lang::En).text, ui::narrate(tl, syn, true).text);
  EXPECT_EQ(cache.at_time(tl, 1, syn, true, ui::Lang::Zh).text, ui::narrate(tl, syn, true, ui::Lang::Zh).text);
}

TEST(Narration, SpeaksChineseWithTheProtocolNamesAsPrinted) {
  const ui::Timeline tl = handshake(false);
  const int64_t syn = tl.segments[0].t_sent, synack = tl.segments[1].t_sent;
  EXPECT_EQ(ui::narrate(tl, syn, true, ui::Lang::Zh).text, "客户端发送 SYN，seq 0，进入 SYN-SENT 状态。");
  EXPECT_EQ(ui::narrate(tl, synack, true, ui::Lang::Zh).text,
            "服务端收到 SYN，并发送 SYN,ACK，seq 0，ack 1，进入 SYN-RCVD 状态。");
  const ui::Timeline lost = handshake(true);
  EXPECT_EQ(ui::narrate(lost, lost.segments[0].t_end, true, ui::Lang::Zh).text, "客户端发出的 SYN 在网线上丢失。");
  const std::string again = ui::narrate(lost, lost.segments[1].t_sent, true, ui::Lang::Zh).text;
  EXPECT_NE(again.find("客户端发送 SYN，seq 0"), std::string::npos) << again;
  EXPECT_NE(again.find("客户端的 RTO 定时器超时"), std::string::npos) << again;
}
