#include "link/cable.hpp"

namespace synack::link {

using trace::DropReason;
using trace::TraceEvent;

void Cable::take_down(sim::Duration for_how_long) {
  const sim::Time until = ctx_.now() + for_how_long;
  if (until <= down_until_) return;
  const bool was_up = up();
  down_until_ = until;
  if (was_up) ctx_.record(TraceEvent{.what = trace::LinkState{false}});
  ctx_.queue.schedule(until, [this, until] {
    if (down_until_ == until) ctx_.record(TraceEvent{.what = trace::LinkState{true}});
  });
}

void Cable::deliver(int to_side, uint32_t frame_id, sim::Time at) {
  FrameSink* sink = ends_[to_side];
  if (!sink) return;
  ctx_.queue.schedule(at, [sink, frame_id] { sink->frame_arrives(frame_id); });
}

void Cable::release_held(int direction, sim::Time at) {
  Held& h = held_[direction];
  if (!h.frame) return;
  ctx_.queue.cancel(h.timeout);
  deliver(1 - direction, h.frame, at);
  h = Held{};
}

void Cable::carry(int side, uint32_t frame_id, sim::Time last_bit) {
  const sim::Time arrival = last_bit + delay_;
  const uint16_t from = host_at_[side];
  auto drop = [&](DropReason why, uint32_t rule = 0) {
    ctx_.record(TraceEvent{.host = from, .frame = frame_id,
                           .what = trace::FrameDropped{.site = trace::Site::Cable, .reason = why, .n = rule}});
  };
  if (!up()) {
    drop(DropReason::LinkDown);
    return;
  }

  // The world's fault rules, in order: the first whose match holds acts on the frame.
  if (faults_ && !faults_->empty()) {
    const wire::Bytes& bytes = ctx_.trace.frame(frame_id).bytes;
    auto decoded = wire::decode_frame(bytes, false);
    const wire::DecodedFrame* df = decoded ? &*decoded : nullptr;
    for (size_t i = 0; i < faults_->size(); ++i) {
      FaultRule& rule = (*faults_)[i];
      if (!rule.enabled || !frame_matches(rule.match, df, from, ctx_.now())) continue;
      ++rule.matched;
      if (rule.match.nth && rule.matched != rule.match.nth) continue;
      if (rule.match.chance_ppm < 1000000 && !ctx_.rng.chance_ppm(rule.match.chance_ppm)) continue;
      ++rule.applied;
      const uint32_t number = static_cast<uint32_t>(i + 1);
      ctx_.trace.set_fault_rule(number, rule.desc());
      ctx_.record(TraceEvent{.host = from, .frame = frame_id, .what = trace::FaultApplied{number}});
      switch (rule.action.kind) {
        case FaultActionKind::Drop:
          drop(DropReason::FaultRule, number);
          return;
        case FaultActionKind::LinkDown:
          drop(DropReason::FaultRule, number);
          take_down(rule.action.amount);
          return;
        case FaultActionKind::Delay:
          release_held(side, arrival + rule.action.amount);
          deliver(1 - side, frame_id, arrival + rule.action.amount);
          return;
        case FaultActionKind::Duplicate: {
          trace::FrameRecord copy{bytes, trace::kNoHost, frame_id,
                                  trace::FrameNote{.kind = trace::FrameNoteKind::FaultCopy, .n = number}};
          const uint32_t dup = ctx_.trace.add_frame(std::move(copy));
          release_held(side, arrival);
          deliver(1 - side, frame_id, arrival);
          deliver(1 - side, dup, arrival + rule.action.amount);
          return;
        }
        case FaultActionKind::Reorder: {
          release_held(side, arrival);  // one frame held at a time per direction
          const sim::Duration longest = rule.action.amount.ns > 0 ? rule.action.amount : sim::seconds(1);
          held_[side].frame = frame_id;
          held_[side].timeout = ctx_.queue.schedule(arrival + longest, [this, side] {
            Held& h = held_[side];
            if (!h.frame) return;
            deliver(1 - side, h.frame, ctx_.now());
            h = Held{};
          });
          return;
        }
        case FaultActionKind::Corrupt: {
          wire::Bytes changed = bytes;
          size_t at = changed.size() - 1;
          if (rule.action.byte) {
            at = *rule.action.byte;
          } else if (df && df->ip) {
            at = wire::kEthernetHeaderLen + df->ip->total_length - 1;  // last byte the checksum covers
          }
          if (at < changed.size()) changed[at] ^= 0xff;
          const uint32_t bad = ctx_.trace.add_frame(
              trace::FrameRecord{std::move(changed), trace::kNoHost, frame_id,
                                 trace::FrameNote{.kind = trace::FrameNoteKind::FaultCorrupted, .n = number}});
          release_held(side, arrival);
          deliver(1 - side, bad, arrival);
          return;
        }
      }
    }
  }
  // A frame that passes releases any frame held for reordering just behind it.
  deliver(1 - side, frame_id, arrival);
  release_held(side, arrival);
}

}  // namespace synack::link
