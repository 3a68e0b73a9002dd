#include "host/apps/close_on_eof.hpp"

namespace synack::host::apps {

void CloseOnEof::eof(int sock) {
  // Deferred to its own event: the FIN's ACK goes out first, and a merged FIN+ACK
  // happens only when the application closes before that ACK leaves (see lessons).
  PatternSender* s = &sender_;
  stack_.later(stack_.now(), [s, sock] { s->close(sock); });
}

}  // namespace synack::host::apps
