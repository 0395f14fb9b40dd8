#include "emulator/core/random.hpp"

namespace lemu {

SystemRandom::SystemRandom() : engine_(std::random_device{}()) {}

std::uint64_t SystemRandom::next_u64() {
    std::lock_guard lock(mutex_);
    return engine_();
}

std::uint64_t SeededRandom::next_u64() {
    std::lock_guard lock(mutex_);
    return engine_();
}

std::string random_hex(Random& random, std::size_t count) {
    constexpr std::string_view kHex = "0123456789abcdef";
    std::string out;
    out.reserve(count);
    std::uint64_t bits = 0;
    for (std::size_t i = 0; i < count; ++i) {
        if (i % 16 == 0) {
            bits = random.next_u64();
        }
        out += kHex[bits & 15];
        bits >>= 4;
    }
    return out;
}

std::string new_uuid(Random& random) {
    std::string hex = random_hex(random, 32);
    hex[12] = '4';                                    // version 4
    hex[16] = "89ab"[random.next_u64() & 3];          // RFC 4122 variant
    return hex.substr(0, 8) + '-' + hex.substr(8, 4) + '-' + hex.substr(12, 4) + '-' + hex.substr(16, 4) + '-' +
           hex.substr(20, 12);
}

}  // namespace lemu
