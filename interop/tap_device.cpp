#include "tap_device.hpp"

#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace synack::interop {

Result<TapDevice, std::string> TapDevice::open(const std::string& name) {
  if (name.empty() || name.size() >= IFNAMSIZ) return Err(std::string("TAP name must be 1 to 15 characters"));
  const int fd = ::open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return Err("cannot open /dev/net/tun: " + std::string(std::strerror(errno)));
  ifreq ifr{};
  // IFF_NO_PI: bare Ethernet frames, no packet-information prefix; no IFF_VNET_HDR, so
  // the kernel hands us finished frames (segmented, checksummed) as a real NIC sees them.
  ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
  std::memcpy(ifr.ifr_name, name.c_str(), name.size());
  if (::ioctl(fd, TUNSETIFF, &ifr) < 0) {
    const std::string why = std::strerror(errno);
    ::close(fd);
    return Err("cannot attach to TAP device " + name + ": " + why);
  }
  return TapDevice(fd);
}

TapDevice::~TapDevice() {
  if (fd_ >= 0) ::close(fd_);
}

std::optional<wire::Bytes> TapDevice::read_frame() {
  wire::Bytes buf(65536);
  const ssize_t n = ::read(fd_, buf.data(), buf.size());
  if (n <= 0) return std::nullopt;  // EAGAIN: nothing waiting
  buf.resize(static_cast<size_t>(n));
  return buf;
}

bool TapDevice::write_frame(const wire::Bytes& frame) {
  const ssize_t n = ::write(fd_, frame.data(), frame.size());
  return n == static_cast<ssize_t>(frame.size());
}

}  // namespace synack::interop
