#pragma once
// Big-endian byte readers and writers for wire formats. The reader never reads past
// its end: every read is checked, and a failed read leaves ok() false.
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace synack::wire {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;

class Writer {
 public:
  explicit Writer(Bytes& out) : out_(out) {}
  void u8(uint8_t v) { out_.push_back(v); }
  void u16(uint16_t v) {
    out_.push_back(static_cast<uint8_t>(v >> 8));
    out_.push_back(static_cast<uint8_t>(v));
  }
  void u32(uint32_t v) {
    u16(static_cast<uint16_t>(v >> 16));
    u16(static_cast<uint16_t>(v));
  }
  void bytes(ByteView b) { out_.insert(out_.end(), b.begin(), b.end()); }
  size_t size() const { return out_.size(); }

 private:
  Bytes& out_;
};

class Reader {
 public:
  explicit Reader(ByteView in) : in_(in) {}
  bool has(size_t n) const { return ok_ && in_.size() - pos_ >= n; }
  uint8_t u8() { return has(1) ? in_[pos_++] : fail8(); }
  uint16_t u16() {
    if (!has(2)) return static_cast<uint16_t>(fail8());
    const uint16_t v = static_cast<uint16_t>((in_[pos_] << 8) | in_[pos_ + 1]);
    pos_ += 2;
    return v;
  }
  uint32_t u32() {
    const uint32_t hi = u16();
    const uint32_t lo = u16();
    return (hi << 16) | lo;
  }
  ByteView take(size_t n) {
    if (!has(n)) {
      fail8();
      return {};
    }
    ByteView v = in_.subspan(pos_, n);
    pos_ += n;
    return v;
  }
  void skip(size_t n) { take(n); }
  size_t pos() const { return pos_; }
  size_t remaining() const { return ok_ ? in_.size() - pos_ : 0; }
  bool ok() const { return ok_; }

 private:
  uint8_t fail8() {
    ok_ = false;
    return 0;
  }
  ByteView in_;
  size_t pos_ = 0;
  bool ok_ = true;
};

inline uint16_t load_u16(ByteView b, size_t at) { return static_cast<uint16_t>((b[at] << 8) | b[at + 1]); }
inline void store_u16(Bytes& b, size_t at, uint16_t v) {
  b[at] = static_cast<uint8_t>(v >> 8);
  b[at + 1] = static_cast<uint8_t>(v);
}

}  // namespace synack::wire
