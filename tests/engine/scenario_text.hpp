#pragma once
// The scenario text tests write inline, once: two hosts, and a server listening on port
// 80 that the client connects to. Tests that expect an error at a line count lines from
// these as they stand.
#include <string>

namespace synack::testing {

// A client at 10.0.0.1 and a server at 10.0.0.2, after a newline (as a raw string opened
// on its own line begins).
inline const std::string kTwoHosts = R"(
[[host]]
name = "client"
ip = "10.0.0.1"
[[host]]
name = "server"
ip = "10.0.0.2"
)";

// The server listening on port 80 from 0 s (with `listen_keys` as more keys of that
// action), then the client connecting to it at `at`.
inline std::string listen_then_connect(const std::string& at = "10ms", const std::string& listen_keys = "") {
  return R"([[action]]
at = "0s"
host = "server"
op = "listen"
port = 80
)" + listen_keys + R"([[action]]
at = ")" + at + R"("
host = "client"
op = "connect"
to = "server"
port = 80
)";
}

}  // namespace synack::testing
