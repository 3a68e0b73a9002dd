#pragma once
// MAC and IPv4 addresses as values, with parsing and printing.
#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace synack::wire {

struct MacAddr {
  std::array<uint8_t, 6> b{};
  // Spelt out: the browser build's libc++ has no <=> for std::array yet.
  bool operator==(const MacAddr& o) const { return b == o.b; }
  bool operator<(const MacAddr& o) const { return b < o.b; }
  static constexpr MacAddr broadcast() { return {{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}}; }
  bool is_broadcast() const { return *this == broadcast(); }
  bool is_multicast() const { return (b[0] & 1) != 0; }
  std::string str() const;
  static std::optional<MacAddr> parse(std::string_view s);
};

struct Ipv4Addr {
  uint32_t v = 0;
  auto operator<=>(const Ipv4Addr&) const = default;
  std::string str() const;
  static std::optional<Ipv4Addr> parse(std::string_view s);
};

}  // namespace synack::wire
