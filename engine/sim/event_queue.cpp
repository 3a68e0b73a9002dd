#include "sim/event_queue.hpp"
