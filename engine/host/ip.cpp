// IP and ARP, in and out, and the demultiplexing of TCP segments to connections and
// listeners; a hand-made segment's way onto the cable.
#include <cstdint>

#include "host/conn.hpp"
#include "host/pattern.hpp"
#include "host/stack.hpp"
#include "wire/frame.hpp"

namespace synack::host {

using trace::DropReason;
using trace::TraceEvent;
using namespace wire::tcpflag;


void Stack::output(const tcp::FourTuple& t, const wire::TcpSegment& seg, const trace::FrameNote& note) {
  wire::Ipv4Header ip;
  ip.id = next_ip_id_++;
  ip.src = t.local_ip;
  ip.dst = t.remote_ip;
  auto nb = cfg_.neighbours.find(t.remote_ip);
  if (nb != cfg_.neighbours.end()) {
    send_ip_frame(nb->second, ip, seg, note);
    return;
  }
  if (!cfg_.dynamic_arp) {
    record(TraceEvent{.what = trace::Note{.kind = trace::NoteKind::NoNeighbour, .ip = t.remote_ip}});
    return;
  }
  // Hold the segment and ask who has the address. A request can be lost (or reach a
  // peer whose link is not up yet), so a segment that waits again, a retransmission
  // say, asks again, but at most once a second per address (RFC 1122 2.3.2.1).
  arp_waiting_[t.remote_ip].push_back(Waiting{ip, seg, note});
  auto asked = arp_asked_.find(t.remote_ip);
  if (asked != arp_asked_.end() && ctx_.now() - asked->second < sim::seconds(1)) return;
  arp_asked_[t.remote_ip] = ctx_.now();
  wire::ArpPacket req;
  req.op = wire::ArpPacket::Request;
  req.sender_mac = cfg_.mac;
  req.sender_ip = cfg_.ip;
  req.target_ip = t.remote_ip;
  record(TraceEvent{.what = trace::Note{.kind = trace::NoteKind::ArpWhoHas, .ip = t.remote_ip}});
  nic_.transmit(ctx_.trace.add_frame(
      trace::FrameRecord{wire::build_arp_frame(cfg_.mac, wire::MacAddr::broadcast(), req), id_, 0,
                         trace::FrameNote{.kind = trace::FrameNoteKind::ArpRequest}}));
}

void Stack::send_ip_frame(wire::MacAddr mac, const wire::Ipv4Header& ip, const wire::TcpSegment& seg,
                         const trace::FrameNote& note) {
  const uint32_t id = ctx_.trace.add_frame(trace::FrameRecord{wire::build_tcp_frame(cfg_.mac, mac, ip, seg), id_, 0, note});
  nic_.transmit(id);
}

void Stack::receive_arp(const wire::ArpPacket& arp) {
  if (!cfg_.dynamic_arp) return;  // static neighbour entries: ARP is neither asked nor answered
  // RFC 826: learn the sender, then answer a request for our address.
  if (arp.target_ip == cfg_.ip || cfg_.neighbours.count(arp.sender_ip)) cfg_.neighbours[arp.sender_ip] = arp.sender_mac;
  if (arp.op == wire::ArpPacket::Request && arp.target_ip == cfg_.ip) {
    wire::ArpPacket reply;
    reply.op = wire::ArpPacket::Reply;
    reply.sender_mac = cfg_.mac;
    reply.sender_ip = cfg_.ip;
    reply.target_mac = arp.sender_mac;
    reply.target_ip = arp.sender_ip;
    nic_.transmit(ctx_.trace.add_frame(
        trace::FrameRecord{wire::build_arp_frame(cfg_.mac, arp.sender_mac, reply), id_, 0,
                           trace::FrameNote{.kind = trace::FrameNoteKind::ArpReply}}));
  }
  auto waiting = arp_waiting_.find(arp.sender_ip);
  if (waiting == arp_waiting_.end()) return;
  std::vector<Waiting> ready = std::move(waiting->second);
  arp_waiting_.erase(waiting);
  for (const Waiting& w : ready) send_ip_frame(arp.sender_mac, w.ip, w.seg, w.note);
}

bool Stack::inject(const HandmadeSegment& h) {
  auto fail = [this](const std::string& why) {
    record(TraceEvent{.what = trace::Note{.kind = trace::NoteKind::HandmadeNotSent, .words = why}});
    return false;
  };
  const tcp::Connection* c = h.to ? nullptr : connection(h.socket);
  tcp::FourTuple t;
  if (h.to) {
    t = tcp::FourTuple{cfg_.ip, h.src_port, *h.to, h.port};
  } else if (c) {
    t = c->tuple();
  } else if (h.socket > 0 && h.socket <= static_cast<int>(sockets_.size()) && !sock(h.socket).listening &&
             sock(h.socket).tuple.remote_port) {
    t = sock(h.socket).tuple;  // the connection is gone; its four-tuple is remembered
  } else {
    return fail("socket " + std::to_string(h.socket) + " of " + cfg_.name + " has no connection");
  }
  const bool with_ack = h.flags & ACK;
  if (!c && (h.seq.relative() || (with_ack && h.ack.relative())))
    return fail("seq=" + h.seq.str() + " ack=" + h.ack.str() + " are relative to a connection, and socket " +
                std::to_string(h.socket) + " has none now");
  const tcp::Connection::Vars v = c ? c->vars() : tcp::Connection::Vars{};
  auto resolve = [&v](const SeqValue& x) {
    uint32_t base = 0;
    switch (x.base) {
      case SeqValue::Base::Absolute: break;
      case SeqValue::Base::Isn: base = v.iss; break;
      case SeqValue::Base::SndUna: base = v.snd_una; break;
      case SeqValue::Base::SndNxt: base = v.snd_nxt; break;
      case SeqValue::Base::RcvNxt: base = v.rcv_nxt; break;
      case SeqValue::Base::PeerIsn: base = v.irs; break;
    }
    return base + static_cast<uint32_t>(x.offset);
  };
  wire::TcpSegment seg;
  seg.src_port = t.local_port;
  seg.dst_port = t.remote_port;
  seg.seq = resolve(h.seq);
  seg.ack = with_ack ? resolve(h.ack) : 0;
  seg.flags = h.flags;
  seg.window = h.window.value_or(c ? c->window_field() : 65535);
  seg.payload.resize(h.len);
  // Data in the senders' pattern at its stream offset, so a receiver that takes it finds
  // the bytes it expects.
  fill_pattern(seg.payload.data(), seg.payload.size(), c ? static_cast<uint32_t>(seg.seq - v.iss - 1) : 0);
  auto nb = cfg_.neighbours.find(t.remote_ip);
  if (nb == cfg_.neighbours.end()) return fail("no neighbour entry for " + t.remote_ip.str());
  wire::Ipv4Header ip;
  ip.id = next_ip_id_++;
  ip.src = t.local_ip;
  ip.dst = t.remote_ip;
  wire::Bytes frame = wire::build_tcp_frame_raw_options(cfg_.mac, nb->second, ip, seg, h.options);
  // The TCP checksum sits 16 bytes into the TCP header. Flipping its lowest bit changes
  // the sum by one, which no ones'-complement equivalence (0x0000 = 0xffff) can undo.
  if (h.bad_checksum) frame[wire::kEthernetHeaderLen + wire::kIpv4HeaderLen + 17] ^= 1;
  record(TraceEvent{.conn = static_cast<uint32_t>(c ? h.socket : 0),
                    .what = trace::Note{.kind = trace::NoteKind::HandmadeInjected, .words = h.describe()}});
  nic_.transmit(ctx_.trace.add_frame(
      trace::FrameRecord{std::move(frame), id_, 0, trace::FrameNote{.kind = trace::FrameNoteKind::Handmade}}));
  return true;
}

void Stack::receive_frame(uint32_t frame_id) {
  // Options: a receiver must be prepared for an illegal option length (RFC 9293 3.1,
  // MUST-7). The rfc profile drops such a segment, as smoltcp does (the RFC's suggested
  // reset would let any forged segment end a connection); Linux reads the options up
  // to the bad one and processes the segment.
  auto f = wire::decode_frame(ctx_.trace.frame(frame_id).bytes, true, !cfg_.tcp.linux_wire);
  if (f && f->tcp && !f->tcp->options.malformed.empty())
    record(TraceEvent{.frame = frame_id,
                      .what = trace::Note{.kind = trace::NoteKind::MalformedOption, .words = f->tcp->options.malformed}});
  if (!f) {
    const bool checksum = f.error().kind == wire::DecodeErrorKind::BadIpChecksum ||
                          f.error().kind == wire::DecodeErrorKind::BadTcpChecksum;
    record(TraceEvent{.frame = frame_id,
                      .what = trace::FrameDropped{.site = trace::Site::Ip,
                                                  .reason = checksum ? DropReason::BadChecksum : DropReason::Malformed,
                                                  .error = f.error().kind, .words = f.error().detail}});
    return;
  }
  if (f->arp) {
    receive_arp(*f->arp);
    return;
  }
  if (f->ip->dst != cfg_.ip) {
    record(TraceEvent{.frame = frame_id,
                      .what = trace::FrameDropped{.site = trace::Site::Ip, .reason = DropReason::NotForUs, .ip = f->ip->dst}});
    return;
  }
  receive_tcp(f->ip->src, f->ip->dst, *f->tcp);
}

void Stack::receive_tcp(const wire::Ipv4Addr& src, const wire::Ipv4Addr& dst, const wire::TcpSegment& seg) {
  const tcp::FourTuple t{dst, seg.dst_port, src, seg.src_port};
  std::optional<uint32_t> reopen_iss;
  auto it = demux_.find(t);
  if (it != demux_.end()) {
    // The segment may end the connection and erase its demux entry: keep the id.
    const int id = it->second;
    auto c = conns_.find(id);
    if (c != conns_.end()) {
      // A new SYN may end TIME-WAIT and go to the listener (time_wait_reopen, see
      // Connection::syn_may_reopen); with no listener it is TIME-WAIT's to answer, as in Linux.
      if (!listeners_.count(seg.dst_port) || !c->second->tcb.syn_may_reopen(seg)) {
        c->second->tcb.on_segment(seg);
        record_tcb(id);
        return;
      }
      reopen_iss = c->second->tcb.reopen_iss();
      c->second->tcb.end_for_reopen();
      record_tcb(id);
    }
  }
  auto l = listeners_.find(seg.dst_port);
  if (l == listeners_.end()) {
    reply_rst(src, seg, trace::FrameNoteKind::ResetNoListener);
    return;
  }
  // LISTEN (RFC 9293 3.10.7.2): an incoming RST is ignored; an ACK can refer to
  // nothing here and is reset; a SYN makes a new connection in SYN-RCVD.
  if (seg.has(RST)) return;
  if (seg.has(ACK)) {
    reply_rst(src, seg, trace::FrameNoteKind::ResetListenerAck);
    return;
  }
  if (!seg.has(SYN)) return;
  // The backlog bounds half-open and unaccepted connections; beyond it the SYN is
  // dropped, and the client will retransmit it.
  if (sock(l->second).half_open >= sock(l->second).backlog) {
    record(TraceEvent{.what = trace::Note{.kind = trace::NoteKind::BacklogFull}});
    return;
  }
  const int id = new_socket();
  Conn* c = new_connection(t, id, l->second, reopen_iss);
  c->tcb.open_passive(seg);
  record_tcb(id);
}

// CLOSED (RFC 9293 3.10.7.1): anything but a RST is answered with a RST that the
// sender will accept: seq = its ACK if it had one, else ack = its SEQ + length.
void Stack::reply_rst(const wire::Ipv4Addr& src, const wire::TcpSegment& seg, trace::FrameNoteKind why) {
  if (seg.has(RST)) return;
  wire::TcpSegment r;
  r.src_port = seg.dst_port;
  r.dst_port = seg.src_port;
  if (seg.has(ACK)) {
    r.seq = seg.ack;
    r.flags = RST;
  } else {
    r.seq = 0;
    r.ack = seg.seq + seg.seq_len();
    r.flags = RST | ACK;
  }
  const bool no_listener = why == trace::FrameNoteKind::ResetNoListener;
  record(TraceEvent{.what = trace::Note{.kind = no_listener ? trace::NoteKind::ResetNoListener : trace::NoteKind::ResetListenerAck,
                                        .n = seg.dst_port}});
  output(tcp::FourTuple{cfg_.ip, seg.dst_port, src, seg.src_port}, r,
         trace::FrameNote{.kind = why, .n = no_listener ? seg.dst_port : 0u});
}

}  // namespace synack::host
