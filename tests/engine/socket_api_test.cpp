// The socket API alone: an application written against host::Stack, in place of the
// scripted one, hears each socket's events and may call back into the stack from them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "two_hosts.hpp"

namespace synack::testing {
namespace {

// Records every event; what it does on data and EOF is set per test. Like the scripted
// applications, it answers an event with close() or abort() in an event of its own.
class RecordingApp final : public host::SocketApp {
 public:
  explicit RecordingApp(host::Stack& s) : stack(s) {}
  void established(int sock) override { events.push_back("established " + std::to_string(sock)); }
  bool data(int sock, const wire::Bytes& bytes, uint64_t offset) override {
    events.push_back("data " + std::to_string(sock) + " " + std::to_string(bytes.size()) + " at " + std::to_string(offset));
    if (abort_on_data) stack.later(stack.now(), [this, sock] { stack.abort(sock); });
    return read;
  }
  void eof(int sock) override {
    events.push_back("eof " + std::to_string(sock));
    if (close_on_eof) stack.later(stack.now(), [this, sock] { stack.close(sock); });
  }
  void writable(int) override {}
  void ended(int sock) override { events.push_back("ended " + std::to_string(sock)); }

  host::Stack& stack;
  std::vector<std::string> events;
  bool read = true;
  bool close_on_eof = true;
  bool abort_on_data = false;
};

struct AppServer : TwoHosts {
  RecordingApp app{server->stack()};
  AppServer() {
    server->stack().set_app(&app);
    server->stack().listen(80, 128, false);
  }
};

TEST(SocketApi, AnApplicationHearsEveryEventOfItsSocket) {
  AppServer t;
  t.at_ms(0, [&] { t.client->connect(t.server_ip(), 80); });
  t.at_ms(100, [&] { t.client->send(1, 100); });
  t.at_ms(200, [&] { t.client->close(1); });
  t.run_ms(1000);
  EXPECT_EQ(t.app.events, (std::vector<std::string>{"established 2", "data 2 100 at 0", "eof 2", "ended 2"}));
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 100u);
  EXPECT_EQ(t.states("server", 2), (std::vector<std::string>{"SYN-RCVD", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED"}));
}

// abort() in answer to data: the connection ends inside its own abort() (closed() comes
// from there). It leaves the tables at once, is freed when the call returns, and the
// application hears ended() once; nothing is sent after the RST.
TEST(SocketApi, AbortInAnswerToDataEndsTheConnection) {
  AppServer t;
  t.app.abort_on_data = true;
  t.at_ms(0, [&] { t.client->connect(t.server_ip(), 80); });
  t.at_ms(100, [&] { t.client->send(1, 100); });
  t.run_ms(1000);
  EXPECT_EQ(t.app.events, (std::vector<std::string>{"established 2", "data 2 100 at 0", "ended 2"}));
  EXPECT_EQ(t.server->connection_count(), 0u);
  EXPECT_EQ(t.server->memory_bytes(), 0u);
  EXPECT_EQ(t.server->sockets()[1].error, tcp::CloseReason::Aborted);
  EXPECT_EQ(t.client->sockets()[0].error, tcp::CloseReason::Reset);
  const std::vector<Seg> segs = t.segments();
  ASSERT_FALSE(segs.empty());
  EXPECT_EQ(segs.back().from, "server");
  EXPECT_EQ(segs.back().flags, "RST,ACK");
}

// An application that does not read: the bytes wait in the kernel, EOF waits behind them.
TEST(SocketApi, UnreadBytesWaitAndEofComesAfterThem) {
  AppServer t;
  t.app.read = false;
  t.at_ms(0, [&] { t.client->connect(t.server_ip(), 80); });
  t.at_ms(100, [&] { t.client->send(1, 100); });
  t.at_ms(200, [&] { t.client->close(1); });
  t.at_ms(500, [&] { t.server->stack().read(2, 60); });
  t.at_ms(600, [&] { t.server->stack().read(2, 60); });
  t.run_ms(300);
  EXPECT_EQ(t.app.events, (std::vector<std::string>{"established 2", "data 2 100 at 0"}));
  EXPECT_EQ(t.server->sockets()[1].unread, 100u);
  t.run_ms(550);
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 60u);
  EXPECT_EQ(t.app.events.size(), 2u);  // 40 bytes still before the FIN
  t.run_ms(2000);
  EXPECT_EQ(t.app.events, (std::vector<std::string>{"established 2", "data 2 100 at 0", "eof 2", "ended 2"}));
  EXPECT_EQ(t.server->sockets()[1].bytes_received, 100u);
}

}  // namespace
}  // namespace synack::testing
