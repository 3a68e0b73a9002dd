#include "trace/relative_seq.hpp"

namespace synack::trace {

void RelativeSeq::learn(const wire::DecodedFrame& f, FrameNoteKind note) {
  if (!f.ip || !f.tcp || !f.tcp->has(wire::tcpflag::SYN) || note == FrameNoteKind::Handmade) return;
  isn_[Dir{f.ip->src.v, f.tcp->src_port, f.ip->dst.v, f.tcp->dst_port}] = f.tcp->seq;
}

std::pair<uint32_t, uint32_t> RelativeSeq::isns(const wire::DecodedFrame& f) const {
  if (!f.ip || !f.tcp) return {0, 0};
  auto a = isn_.find(Dir{f.ip->src.v, f.tcp->src_port, f.ip->dst.v, f.tcp->dst_port});
  auto b = isn_.find(Dir{f.ip->dst.v, f.tcp->dst_port, f.ip->src.v, f.tcp->src_port});
  return {a == isn_.end() ? 0 : a->second, b == isn_.end() ? 0 : b->second};
}

RelativeSeq::Numbers RelativeSeq::relative(const wire::DecodedFrame& f) const {
  if (!f.tcp) return {};
  const auto [fwd, rev] = isns(f);
  return {f.tcp->seq - fwd, f.tcp->has(wire::tcpflag::ACK) ? f.tcp->ack - rev : 0};
}

}  // namespace synack::trace
