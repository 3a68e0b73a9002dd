#pragma once
// Hands a file to the user: a browser download on the web, a file in the working
// directory on the desktop. Returns a line saying where it went (or why it did not).
#include <cstdint>
#include <string>
#include <vector>

namespace synack::ui {

std::string offer_file(const std::string& name, const std::vector<uint8_t>& bytes);

}  // namespace synack::ui
