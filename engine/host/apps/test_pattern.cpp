#include "host/apps/test_pattern.hpp"

#include "host/pattern.hpp"

namespace synack::host::apps {

void PatternSender::send(int sock, uint64_t bytes) {
  if (!stack_.send(sock, bytes)) return;
  queue(sock, bytes);
  pump(sock);
}

void PatternSender::queue(int sock, uint64_t bytes) { pending_[sock].bytes += bytes; }

uint64_t PatternSender::pending(int sock) const {
  auto it = pending_.find(sock);
  return it == pending_.end() ? 0 : it->second.bytes;
}

void PatternSender::pump(int sock) {
  if (!stack_.connection(sock)) return;
  const uint64_t written = stack_.write(sock, pending(sock), fill_pattern);
  auto it = pending_.find(sock);
  if (it == pending_.end()) return;  // the connection ended while it took them
  it->second.bytes -= written;
  if (it->second.bytes == 0 && it->second.close) {
    it->second.close = false;
    stack_.finish_close(sock);
  }
}

void PatternSender::close(int sock, sim::Duration idle) {
  if (stack_.close(sock, idle, pending(sock) > 0)) pending_[sock].close = true;
}

void PatternCheck::check(int sock, const wire::Bytes& bytes, uint64_t offset) {
  if (!matches_pattern(bytes.data(), bytes.size(), offset)) bad_.insert(sock);
}

}  // namespace synack::host::apps
