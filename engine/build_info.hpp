#pragma once
// Product version and the git hash the binary was built from (shown in the title bar).
namespace synack {
const char* version();
const char* build_hash();
}  // namespace synack
