#pragma once
// Simulated time: integer nanoseconds since the start of a run. Never wall-clock time.
#include <cstdint>
#include <compare>

namespace synack::sim {

struct Duration {
  int64_t ns = 0;
  constexpr auto operator<=>(const Duration&) const = default;
  constexpr Duration operator+(Duration o) const { return {ns + o.ns}; }
  constexpr Duration operator-(Duration o) const { return {ns - o.ns}; }
  constexpr Duration operator*(int64_t k) const { return {ns * k}; }
  constexpr Duration operator/(int64_t k) const { return {ns / k}; }
  constexpr double seconds() const { return static_cast<double>(ns) / 1e9; }
};

struct Time {
  int64_t ns = 0;
  constexpr auto operator<=>(const Time&) const = default;
  constexpr Time operator+(Duration d) const { return {ns + d.ns}; }
  constexpr Time operator-(Duration d) const { return {ns - d.ns}; }
  constexpr Duration operator-(Time o) const { return {ns - o.ns}; }
  constexpr double seconds() const { return static_cast<double>(ns) / 1e9; }
};

constexpr Duration nanoseconds(int64_t n) { return {n}; }
constexpr Duration microseconds(int64_t n) { return {n * 1000}; }
constexpr Duration milliseconds(int64_t n) { return {n * 1000000}; }
constexpr Duration seconds(int64_t n) { return {n * 1000000000}; }

}  // namespace synack::sim
