#pragma once
// Base64 and hex, as the AWS wire formats use them.

#include <optional>
#include <string>
#include <string_view>

namespace lemu {

std::string base64_encode(std::string_view bytes);
// Standard alphabet with padding; whitespace is not accepted. nullopt on any malformed input.
std::optional<std::string> base64_decode(std::string_view text);
std::string hex_encode(std::string_view bytes);

}  // namespace lemu
