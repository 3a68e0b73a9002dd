#pragma once
// A FIFO of bytes for the send buffer: appended at the back, acknowledged bytes dropped
// from the front. A vector and a read offset, compacted when half is dead: empty it
// owns no memory at all (an idle connection costs its control block, nothing more),
// and dropping acknowledged bytes is O(1) amortized.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace synack::tcp {

class ByteQueue {
 public:
  using const_iterator = std::vector<uint8_t>::const_iterator;
  size_t size() const { return bytes_.size() - head_; }
  bool empty() const { return size() == 0; }
  const_iterator begin() const { return bytes_.begin() + static_cast<std::ptrdiff_t>(head_); }
  const_iterator end() const { return bytes_.end(); }
  template <typename It>
  void append(It first, It last) {
    bytes_.insert(bytes_.end(), first, last);
  }
  void drop_front(size_t n) {
    head_ += n < size() ? n : size();
    if (head_ == bytes_.size()) {
      std::vector<uint8_t>().swap(bytes_);  // all acknowledged: give the memory back
      head_ = 0;
    } else if (head_ * 2 >= bytes_.size()) {
      bytes_.erase(bytes_.begin(), bytes_.begin() + static_cast<std::ptrdiff_t>(head_));
      head_ = 0;
    }
  }

 private:
  std::vector<uint8_t> bytes_;
  size_t head_ = 0;
};

}  // namespace synack::tcp
