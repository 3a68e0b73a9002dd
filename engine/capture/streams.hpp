#pragma once
// The TCP connections in a capture. A connection is a four-tuple with both directions
// folded together; the same four-tuple used again after a full close (FIN both ways or
// a RST) by a new SYN is a new connection, as the stacks at either end see it.
#include <cstdint>
#include <string>
#include <vector>

#include "capture/packet.hpp"
#include "util/result.hpp"
#include "wire/capture_file.hpp"

namespace synack::capture {

enum class Opened : uint8_t {
  Handshake,      // SYN, SYN,ACK and the ACK of the SYN,ACK all seen
  SynAck,         // SYN and SYN,ACK seen, not the third segment
  SynOnly,        // a SYN nobody answered (in this capture)
  Refused,        // a SYN answered by RST
  MidConnection,  // the capture starts after the handshake
};
enum class Ended : uint8_t { FinBoth, FinClient, FinServer, Reset, StillOpen };
const char* to_string(Opened o);
const char* to_string(Ended e);

struct Stream {
  Endpoint client, server;       // client: the end that sent the first SYN (else a guess, see roles_guessed)
  bool roles_guessed = false;    // no SYN seen: the end with the higher (ephemeral-looking) port is the client
  std::vector<uint32_t> packets; // indices into CaptureFile::packets, in file order
  uint64_t payload_bytes[2] = {0, 0};  // client->server, server->client, as sent (IP lengths)
  uint64_t captured_bytes = 0;         // the frames as captured, link header included
  int64_t first_ns = 0, last_ns = 0;
  Opened opened = Opened::MidConnection;
  bool syn = false, syn_ack = false, ack_of_syn_ack = false;
  bool fin[2] = {false, false};  // client, server
  bool rst[2] = {false, false};
  uint32_t client_isn = 0;
  Ended ended() const;
  bool closed() const { return (fin[0] && fin[1]) || rst[0] || rst[1]; }
  bool complete() const { return opened == Opened::Handshake && ended() != Ended::StillOpen; }
};

struct StreamList {
  std::vector<Stream> streams;
  uint64_t packets = 0;      // in the file
  uint64_t tcp_packets = 0;
  uint64_t not_tcp[5] = {};  // by NotTcp
  size_t default_stream = 0; // the first complete connection, else the first with a handshake, else 0
  std::string skipped_summary() const;  // "12 not IP, 3 IP but not TCP"
};

// Every packet decoded once, headers only. No TCP packet at all is an error (the
// capture then has nothing to show), naming what the packets were instead.
Result<StreamList, wire::CaptureError> list_streams(const wire::CaptureFile& cap, wire::ByteView file);

// "#  client  server  packets  bytes  duration  opened  ended" and one line per stream.
std::string stream_table(const StreamList& list);

}  // namespace synack::capture
