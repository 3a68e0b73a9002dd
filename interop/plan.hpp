#pragma once
// What one side of an interop run does, the same flags for the synack host and for the
// kernel peer, so a test reads as two symmetric command lines:
//   --listen PORT | --connect IP:PORT      (neither: take no socket, answer with RST)
//   --send N            bytes of the test pattern once connected
//   --send-after-eof N  bytes sent after the peer's FIN (half-close: data after the first FIN)
//   --expect N          bytes that must arrive, each checked against the pattern
//   --close first|eof|abort|none
//       first: FIN after our data; eof: FIN after the peer's FIN (and our after-EOF data);
//       abort: RST (SO_LINGER 0) once the expected bytes have arrived
//   --expect-error none|refused|reset
//   --timeout DURATION  give up with a clear message
#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>

namespace synack::interop {

struct Plan {
  uint16_t listen = 0;
  std::string connect;  // "IP:PORT"
  uint64_t send = 0;
  uint64_t send_after_eof = 0;
  uint64_t expect = 0;
  std::string close = "first";
  std::string expect_error = "none";
  double timeout_s = 30;
};

// --connect's "IP:PORT", split; nothing when it is not that shape (the caller says so).
struct Endpoint {
  std::string ip;
  uint16_t port = 0;
};
inline std::optional<Endpoint> parse_endpoint(const std::string& s) {
  const auto colon = s.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  unsigned port = 0;
  const char* end = s.data() + s.size();
  const auto [stop, ec] = std::from_chars(s.data() + colon + 1, end, port);
  if (ec != std::errc() || stop != end || port == 0 || port > 65535) return std::nullopt;
  return Endpoint{s.substr(0, colon), static_cast<uint16_t>(port)};
}

inline void add_plan_options(CLI::App& app, Plan& p) {
  app.add_option("--listen", p.listen, "accept one connection on this port");
  app.add_option("--connect", p.connect, "connect to IP:PORT");
  app.add_option("--send", p.send, "bytes to send once connected");
  app.add_option("--send-after-eof", p.send_after_eof, "bytes to send after the peer's FIN");
  app.add_option("--expect", p.expect, "bytes that must arrive");
  app.add_option("--close", p.close, "first, eof, abort or none")->check(CLI::IsMember({"first", "eof", "abort", "none"}));
  app.add_option("--expect-error", p.expect_error, "none, refused or reset")
      ->check(CLI::IsMember({"none", "refused", "reset"}));
  app.add_option("--timeout", p.timeout_s, "seconds before giving up");
}

}  // namespace synack::interop
