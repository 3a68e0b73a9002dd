#pragma once
// A Linux TAP device: Ethernet frames to and from the kernel through /dev/net/tun.
// The only file of synack that talks to a real network device; the engine never does.
#include <optional>
#include <string>

#include "util/result.hpp"
#include "wire/bytes.hpp"

namespace synack::interop {

class TapDevice {
 public:
  // Attaches to the TAP device `name` (made beforehand with `ip tuntap add`), non-blocking.
  static Result<TapDevice, std::string> open(const std::string& name);

  TapDevice(TapDevice&& o) noexcept : fd_(o.fd_) { o.fd_ = -1; }
  TapDevice& operator=(TapDevice&&) = delete;
  TapDevice(const TapDevice&) = delete;
  ~TapDevice();

  int fd() const { return fd_; }
  // The next frame the kernel sent, or nothing when none is waiting.
  std::optional<wire::Bytes> read_frame();
  // Hands a frame to the kernel; false (errno kept) if it was refused.
  bool write_frame(const wire::Bytes& frame);

 private:
  explicit TapDevice(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace synack::interop
