#include "capture/streams.hpp"

#include <cstdio>
#include <map>

#include "sim/time_text.hpp"

namespace synack::capture {

const char* to_string(Opened o) {
  switch (o) {
    case Opened::Handshake: return "handshake";
    case Opened::SynAck: return "SYN, SYN-ACK (no third ACK seen)";
    case Opened::SynOnly: return "SYN unanswered";
    case Opened::Refused: return "refused (RST)";
    case Opened::MidConnection: return "mid-connection";
  }
  return "?";
}

const char* to_string(Ended e) {
  switch (e) {
    case Ended::FinBoth: return "FIN both ways";
    case Ended::FinClient: return "FIN from client only";
    case Ended::FinServer: return "FIN from server only";
    case Ended::Reset: return "RST";
    case Ended::StillOpen: return "still open";
  }
  return "?";
}

Ended Stream::ended() const {
  if (rst[0] || rst[1]) return Ended::Reset;
  if (fin[0] && fin[1]) return Ended::FinBoth;
  if (fin[0]) return Ended::FinClient;
  if (fin[1]) return Ended::FinServer;
  return Ended::StillOpen;
}

std::string StreamList::skipped_summary() const {
  std::string s;
  for (int i = 0; i < 5; ++i) {
    if (!not_tcp[i]) continue;
    if (!s.empty()) s += ", ";
    s += std::to_string(not_tcp[i]) + " " + to_string(static_cast<NotTcp>(i));
  }
  return s.empty() ? "none" : s;
}

Result<StreamList, wire::CaptureError> list_streams(const wire::CaptureFile& cap, wire::ByteView file) {
  StreamList out;
  out.packets = cap.packets.size();
  // Both directions under one key: the smaller endpoint first.
  std::map<std::pair<Endpoint, Endpoint>, size_t> current;
  for (size_t i = 0; i < cap.packets.size(); ++i) {
    const wire::CapturedPacket& cp = cap.packets[i];
    const Decoded d = decode_packet(cap.link_type(cp), cap.bytes(file, cp));
    if (!d.tcp) {
      ++out.not_tcp[static_cast<int>(d.why)];
      continue;
    }
    ++out.tcp_packets;
    const TcpPacket& t = *d.tcp;
    const bool syn_only = (t.flags & 0x12) == 0x02;
    const auto key = t.src < t.dst ? std::make_pair(t.src, t.dst) : std::make_pair(t.dst, t.src);
    auto it = current.find(key);
    const bool fresh_syn = it != current.end() && syn_only && out.streams[it->second].closed() &&
                           !(out.streams[it->second].syn && out.streams[it->second].client_isn == t.seq);
    if (it == current.end() || fresh_syn) {
      Stream s;
      const bool synack = (t.flags & 0x12) == 0x12;
      if (syn_only || synack) {
        s.client = syn_only ? t.src : t.dst;
        s.server = syn_only ? t.dst : t.src;
      } else {
        s.roles_guessed = true;
        const bool src_client = t.src.port >= t.dst.port;
        s.client = src_client ? t.src : t.dst;
        s.server = src_client ? t.dst : t.src;
      }
      s.first_ns = cp.time_ns;
      out.streams.push_back(s);
      current[key] = out.streams.size() - 1;
      it = current.find(key);
    }
    Stream& s = out.streams[it->second];
    const int dir = t.src == s.client ? 0 : 1;
    s.packets.push_back(static_cast<uint32_t>(i));
    s.payload_bytes[dir] += t.payload_length;
    s.captured_bytes += cp.captured;
    s.last_ns = cp.time_ns;
    if (syn_only && dir == 0 && !s.syn) {
      s.syn = true;
      s.client_isn = t.seq;
    }
    if ((t.flags & 0x12) == 0x12 && dir == 1) s.syn_ack = true;
    if (s.syn_ack && !s.ack_of_syn_ack && dir == 0 && (t.flags & 0x12) == 0x10) s.ack_of_syn_ack = true;
    if (t.flags & 0x01) s.fin[dir] = true;
    if (t.flags & 0x04) s.rst[dir] = true;
  }
  if (out.tcp_packets == 0)
    return Err(wire::CaptureError{0, std::to_string(out.packets) + " packets, none of them TCP (" +
                                         out.skipped_summary() + "): a capture with TCP segments expected"});
  for (Stream& s : out.streams) {
    if (s.syn && s.syn_ack && s.ack_of_syn_ack) s.opened = Opened::Handshake;
    else if (s.syn && s.syn_ack) s.opened = Opened::SynAck;
    else if (s.syn && s.rst[1]) s.opened = Opened::Refused;
    else if (s.syn) s.opened = Opened::SynOnly;
    else s.opened = Opened::MidConnection;
  }
  size_t handshake = SIZE_MAX, complete = SIZE_MAX;
  for (size_t i = out.streams.size(); i-- > 0;) {
    if (out.streams[i].complete()) complete = i;
    if (out.streams[i].opened == Opened::Handshake) handshake = i;
  }
  out.default_stream = complete != SIZE_MAX ? complete : handshake != SIZE_MAX ? handshake : 0;
  return out;
}

std::string stream_table(const StreamList& list) {
  std::string out;
  char line[320];
  std::snprintf(line, sizeof line, "%4s  %-24s %-24s %8s %12s %11s  %-16s %s\n", "#", "client", "server", "packets",
                "bytes c>s/s>c", "duration s", "opened", "ended");
  out += line;
  for (size_t i = 0; i < list.streams.size(); ++i) {
    const Stream& s = list.streams[i];
    const std::string bytes = std::to_string(s.payload_bytes[0]) + "/" + std::to_string(s.payload_bytes[1]);
    const std::string duration = sim::seconds_text(s.last_ns - s.first_ns, {.decimals = 6, .unit = false});
    std::snprintf(line, sizeof line, "%4zu%c %-24s %-24s %8zu %12s %11s  %-16s %s%s\n", i,
                  i == list.default_stream ? '*' : ' ', s.client.str().c_str(), s.server.str().c_str(),
                  s.packets.size(), bytes.c_str(), duration.c_str(),
                  to_string(s.opened), to_string(s.ended()), s.roles_guessed ? " (roles guessed from the ports)" : "");
    out += line;
  }
  std::snprintf(line, sizeof line, "%zu connections in %llu packets (%llu TCP; skipped: %s); * the default\n",
                list.streams.size(), static_cast<unsigned long long>(list.packets),
                static_cast<unsigned long long>(list.tcp_packets), list.skipped_summary().c_str());
  out += line;
  return out;
}

}  // namespace synack::capture
