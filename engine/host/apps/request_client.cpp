#include "host/apps/request_client.hpp"

namespace synack::host::apps {

void RequestClient::start(RequestOptions opts) {
  opts_ = opts;
  done_ = 0;
  socket_ = 0;
  stack_.trace(trace::TraceEvent{.what = trace::AppCall{.call = trace::Call::Requests,
                                                         .bytes = static_cast<uint64_t>(opts.bytes),
                                                         .n = static_cast<uint64_t>(opts.count),
                                                         .long_connection = opts.long_connection}});
  next();
}

// Opens a connection if the mode needs one, then sends the next request.
void RequestClient::next() {
  if (!opts_ || done_ >= opts_->count) return;
  const SocketInfo* s = socket_ ? stack_.socket(socket_) : nullptr;
  if (!s || s->done || !opts_->long_connection) {
    socket_ = stack_.connect(opts_->server, opts_->port, std::nullopt, false);
    sockets_.insert(socket_);
  }
  sender_.send(socket_, opts_->bytes);
}

void RequestClient::data(int sock) {
  // Looked at after the segment that brought the bytes is processed.
  RequestClient* self = this;
  stack_.later(stack_.now(), [self, sock] { self->reply_progress(sock); });
}

// A complete reply moves the client on.
void RequestClient::reply_progress(int sock) {
  if (!opts_ || sock != socket_) return;
  // A long connection carries every reply in turn; a short one only this request's.
  const uint64_t expected =
      opts_->long_connection ? opts_->bytes * static_cast<uint64_t>(done_ + 1) : opts_->bytes;
  if (stack_.socket(sock)->bytes_received < expected) return;
  ++done_;
  stack_.trace(trace::TraceEvent{.conn = static_cast<uint32_t>(sock),
                                 .what = trace::AppResult{.result = trace::Result::ReplyComplete,
                                                          .n = static_cast<uint64_t>(done_),
                                                          .of = static_cast<uint64_t>(opts_->count)}});
  const bool last = done_ >= opts_->count;
  if (!opts_->long_connection || last) sender_.close(sock);
  if (last) return;
  RequestClient* self = this;
  stack_.later(stack_.now() + opts_->gap, [self] { self->next(); });
}

}  // namespace synack::host::apps
