#include "sources/apigateway/ids.hpp"

#include <string_view>

#include "emulator/core/encoding.hpp"

namespace lemu::sources::apigateway {

std::string random_id(Random& random, std::size_t length) {
    constexpr std::string_view kAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string id;
    id.reserve(length);
    for (std::size_t i = 0; i < length; ++i) {
        id += kAlphabet[random.next_u64() % kAlphabet.size()];
    }
    return id;
}

std::string random_gateway_request_id(Random& random) {
    // 11 bytes encode to 15 characters plus one '=' of padding.
    std::string bytes;
    for (int i = 0; i < 11; ++i) {
        bytes += static_cast<char>(random.next_u64() & 0xFF);
    }
    return base64_encode(bytes);
}

}  // namespace lemu::sources::apigateway
