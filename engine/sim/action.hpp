#pragma once
// A callable kept inside the event queue's own storage: scheduling an event allocates
// nothing (a std::function per event was a tenth of a run of many short connections,
// most of it malloc and free). Anything up to four pointers in size fits: the lambdas
// the engine schedules capture an object and an index or two, and a std::function
// handed in by a script fits whole.
#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace synack::sim {

class Action {
 public:
  static constexpr size_t kCapacity = 32;

  Action() = default;

  template <class F, class = std::enable_if_t<!std::is_same_v<std::decay_t<F>, Action>>>
  Action(F&& f) {  // NOLINT: implicit, so that a lambda passes where an Action is asked for
    using Fn = std::decay_t<F>;
    static_assert(sizeof(Fn) <= kCapacity && alignof(Fn) <= alignof(std::max_align_t),
                  "an event's callable must fit in Action::kCapacity bytes");
    ::new (static_cast<void*>(buf_)) Fn(std::forward<F>(f));
    invoke_ = [](void* p) { (*static_cast<Fn*>(p))(); };
    // Most callables are a few pointers: moved as bytes, nothing to destroy.
    if constexpr (!std::is_trivially_copyable_v<Fn> || !std::is_trivially_destructible_v<Fn>) {
      manage_ = [](void* dst, void* src) {
        if (dst) ::new (dst) Fn(std::move(*static_cast<Fn*>(src)));
        static_cast<Fn*>(src)->~Fn();
      };
    }
  }

  Action(Action&& o) noexcept { take(o); }
  Action& operator=(Action&& o) noexcept {
    if (this != &o) {
      reset();
      take(o);
    }
    return *this;
  }
  Action(const Action&) = delete;
  Action& operator=(const Action&) = delete;
  ~Action() { reset(); }

  explicit operator bool() const { return invoke_ != nullptr; }
  void operator()() { invoke_(buf_); }

  void reset() {
    if (manage_) manage_(nullptr, buf_);
    invoke_ = nullptr;
    manage_ = nullptr;
  }

 private:
  void take(Action& o) {
    if (o.manage_) {
      o.manage_(buf_, o.buf_);
    } else if (o.invoke_) {
      std::memcpy(buf_, o.buf_, kCapacity);
    }
    invoke_ = o.invoke_;
    manage_ = o.manage_;
    o.invoke_ = nullptr;
    o.manage_ = nullptr;
  }

  alignas(std::max_align_t) unsigned char buf_[kCapacity];
  void (*invoke_)(void*) = nullptr;
  void (*manage_)(void* dst, void* src) = nullptr;  // move into dst (if any), then destroy src
};

}  // namespace synack::sim
