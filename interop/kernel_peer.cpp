// synack-kernel-peer: the Linux side of an interop run, plain BSD sockets over the
// kernel's TCP, following the same plan flags as synack-tap (plan.hpp) so that the two
// command lines of a test mirror each other. Exit status 0 when the plan's expectations
// hold; otherwise a line says what did not.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "host/pattern.hpp"  // fill_pattern, matches_pattern: the same bytes synack sends
#include "plan.hpp"

namespace {

using synack::host::fill_pattern;
using synack::host::matches_pattern;
using clock_type = std::chrono::steady_clock;

int fail(const std::string& what) {
  std::printf("kernel-peer: FAIL: %s\n", what.c_str());
  return 1;
}

std::string error_name(int err) {
  if (err == ECONNREFUSED) return "refused";
  if (err == ECONNRESET || err == EPIPE) return "reset";
  return std::strerror(err);
}

// Milliseconds left before the deadline, at least 0.
int left_ms(clock_type::time_point deadline) {
  const auto d = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock_type::now()).count();
  return d < 0 ? 0 : static_cast<int>(d);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"synack-kernel-peer: the kernel's TCP as synack's peer"};
  synack::interop::Plan plan;
  synack::interop::add_plan_options(cli, plan);
  CLI11_PARSE(cli, argc, argv);
  const auto deadline = clock_type::now() + std::chrono::milliseconds(static_cast<int64_t>(plan.timeout_s * 1000));

  int fd = -1;
  std::string error = "none";
  if (plan.listen) {
    const int lfd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    ::setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(plan.listen);
    if (::bind(lfd, reinterpret_cast<sockaddr*>(&a), sizeof a) < 0 || ::listen(lfd, 8) < 0)
      return fail("cannot listen on port " + std::to_string(plan.listen) + ": " + std::strerror(errno));
    std::printf("kernel-peer: listening on %u\n", plan.listen);
    std::fflush(stdout);
    pollfd p{lfd, POLLIN, 0};
    if (::poll(&p, 1, left_ms(deadline)) <= 0) return fail("no connection arrived before the timeout");
    fd = ::accept4(lfd, nullptr, nullptr, SOCK_CLOEXEC);
    ::close(lfd);
    if (fd < 0) return fail(std::string("accept: ") + std::strerror(errno));
  } else {
    const auto to = synack::interop::parse_endpoint(plan.connect);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    if (!to || ::inet_pton(AF_INET, to->ip.c_str(), &a.sin_addr) != 1)
      return fail("--connect wants IP:PORT, got " + plan.connect);
    a.sin_port = htons(to->port);
    fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) < 0 && errno != EINPROGRESS)
      return fail(std::string("connect: ") + std::strerror(errno));
    pollfd p{fd, POLLOUT, 0};
    if (::poll(&p, 1, left_ms(deadline)) <= 0) return fail("connect did not finish before the timeout");
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len);
    if (err) error = error_name(err);
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);

  uint64_t to_send = plan.send, sent = 0, received = 0;
  bool pattern_ok = true, eof = false, fin_sent = false, aborted = false;
  std::vector<uint8_t> buf(65536);
  while (error == "none") {
    if (plan.close == "abort" && received >= plan.expect) {
      const linger l{1, 0};  // SO_LINGER 0: close() sends RST and drops the connection
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);
      aborted = true;
      break;
    }
    const bool first_fin_due = plan.close == "first" && sent == to_send;
    const bool eof_fin_due = plan.close == "eof" && eof && sent == to_send;
    if (!fin_sent && (first_fin_due || eof_fin_due)) {
      ::shutdown(fd, SHUT_WR);
      fin_sent = true;
    }
    if (eof && (fin_sent || plan.close == "none" || plan.close == "abort") && sent == to_send) break;
    pollfd p{fd, static_cast<short>((eof ? 0 : POLLIN) | (sent < to_send ? POLLOUT : 0)), 0};
    if (::poll(&p, 1, left_ms(deadline)) <= 0)
      return fail("timed out: sent " + std::to_string(sent) + " of " + std::to_string(to_send) + ", received " +
                  std::to_string(received) + (eof ? ", peer closed" : ", peer still open"));
    if (p.revents & (POLLIN | POLLERR | POLLHUP)) {
      const ssize_t n = ::recv(fd, buf.data(), buf.size(), 0);
      if (n < 0 && errno != EAGAIN) error = error_name(errno);
      if (n == 0 && !eof) {
        eof = true;
        to_send += plan.send_after_eof;
      }
      if (n > 0) {
        if (!matches_pattern(buf.data(), static_cast<size_t>(n), received)) pattern_ok = false;
        received += static_cast<uint64_t>(n);
      }
    }
    if (error == "none" && sent < to_send && (p.revents & POLLOUT)) {
      const size_t chunk = static_cast<size_t>(std::min<uint64_t>(to_send - sent, buf.size()));
      fill_pattern(buf.data(), chunk, sent);
      const ssize_t n = ::send(fd, buf.data(), chunk, MSG_NOSIGNAL);
      if (n < 0 && errno != EAGAIN) error = error_name(errno);
      if (n > 0) sent += static_cast<uint64_t>(n);
    }
  }
  ::close(fd);

  std::printf("kernel-peer: sent %llu bytes, received %llu bytes%s%s%s\n", static_cast<unsigned long long>(sent),
              static_cast<unsigned long long>(received), pattern_ok ? ", every byte as sent" : ", BYTES DIFFER",
              error == "none" ? "" : (", ended: " + error).c_str(), aborted ? ", aborted with RST" : "");
  std::vector<std::string> problems;
  if (!pattern_ok) problems.push_back("received bytes differ from the pattern sent");
  if (error != plan.expect_error) problems.push_back("expected error " + plan.expect_error + ", got " + error);
  if (plan.expect_error == "none" && received != plan.expect)
    problems.push_back("expected " + std::to_string(plan.expect) + " bytes, received " + std::to_string(received));
  for (const std::string& p : problems) fail(p);
  return problems.empty() ? 0 : 1;
}
