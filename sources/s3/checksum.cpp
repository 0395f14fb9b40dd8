#include "sources/s3/checksum.hpp"

#include <array>
#include <cstdint>

#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::s3 {
namespace {

template <typename T, T kPoly>
constexpr std::array<T, 256> reflected_table() {
    std::array<T, 256> table{};
    for (std::size_t i = 0; i < 256; ++i) {
        T c = static_cast<T>(i);
        for (int k = 0; k < 8; ++k) {
            c = (c & 1) != 0 ? static_cast<T>(kPoly ^ (c >> 1)) : static_cast<T>(c >> 1);
        }
        table[i] = c;
    }
    return table;
}

constexpr auto kCrc32 = reflected_table<std::uint32_t, 0xEDB88320U>();
constexpr auto kCrc32c = reflected_table<std::uint32_t, 0x82F63B78U>();
constexpr auto kCrc64Nvme = reflected_table<std::uint64_t, 0x9A6C9329AC4BC9B5ULL>();

template <typename T, std::size_t N>
T reflected_crc(const std::array<T, N>& table, std::string_view bytes) {
    T crc = static_cast<T>(~T{0});
    for (char ch : bytes) {
        auto index = static_cast<std::size_t>((crc ^ static_cast<unsigned char>(ch)) & 0xFFU);
        crc = static_cast<T>(table[index] ^ (crc >> 8));
    }
    return static_cast<T>(~crc);
}

template <typename T>
std::string big_endian(T value) {
    std::string out(sizeof(T), '\0');
    for (std::size_t i = 0; i < sizeof(T); ++i) {
        out[sizeof(T) - 1 - i] = static_cast<char>(value & 0xFFU);
        value = static_cast<T>(value >> 8);
    }
    return out;
}

constexpr std::uint32_t rotl(std::uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

void sha1_block(std::array<std::uint32_t, 5>& h, const unsigned char* p) {
    std::array<std::uint32_t, 80> w{};
    for (std::size_t i = 0; i < 16; ++i) {
        w[i] = (std::uint32_t{p[4 * i]} << 24) | (std::uint32_t{p[4 * i + 1]} << 16) |
               (std::uint32_t{p[4 * i + 2]} << 8) | std::uint32_t{p[4 * i + 3]};
    }
    for (std::size_t i = 16; i < 80; ++i) {
        w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    }
    std::uint32_t a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];
    for (std::size_t i = 0; i < 80; ++i) {
        std::uint32_t f = 0;
        std::uint32_t k = 0;
        if (i < 20) {
            f = (b & c) | (~b & d);
            k = 0x5A827999U;
        } else if (i < 40) {
            f = b ^ c ^ d;
            k = 0x6ED9EBA1U;
        } else if (i < 60) {
            f = (b & c) | (b & d) | (c & d);
            k = 0x8F1BBCDCU;
        } else {
            f = b ^ c ^ d;
            k = 0xCA62C1D6U;
        }
        std::uint32_t t = rotl(a, 5) + f + e + k + w[i];
        e = d;
        d = c;
        c = rotl(b, 30);
        b = a;
        a = t;
    }
    h[0] += a;
    h[1] += b;
    h[2] += c;
    h[3] += d;
    h[4] += e;
}

}  // namespace

std::optional<ChecksumAlgorithm> parse_checksum_algorithm(std::string_view name) {
    std::string lower = to_lower(name);
    if (lower == "crc32") {
        return ChecksumAlgorithm::Crc32;
    }
    if (lower == "crc32c") {
        return ChecksumAlgorithm::Crc32c;
    }
    if (lower == "crc64nvme") {
        return ChecksumAlgorithm::Crc64Nvme;
    }
    if (lower == "sha1") {
        return ChecksumAlgorithm::Sha1;
    }
    if (lower == "sha256") {
        return ChecksumAlgorithm::Sha256;
    }
    return std::nullopt;
}

std::string_view checksum_name(ChecksumAlgorithm algorithm) {
    switch (algorithm) {
        case ChecksumAlgorithm::Crc32:
            return "CRC32";
        case ChecksumAlgorithm::Crc32c:
            return "CRC32C";
        case ChecksumAlgorithm::Crc64Nvme:
            return "CRC64NVME";
        case ChecksumAlgorithm::Sha1:
            return "SHA1";
        case ChecksumAlgorithm::Sha256:
            return "SHA256";
    }
    return "CRC32";
}

std::string checksum_header(ChecksumAlgorithm algorithm) {
    return "x-amz-checksum-" + to_lower(checksum_name(algorithm));
}

std::uint32_t crc32(std::string_view bytes) { return reflected_crc(kCrc32, bytes); }
std::uint32_t crc32c(std::string_view bytes) { return reflected_crc(kCrc32c, bytes); }
std::uint64_t crc64nvme(std::string_view bytes) { return reflected_crc(kCrc64Nvme, bytes); }

std::string sha1(std::string_view bytes) {
    std::array<std::uint32_t, 5> h{0x67452301U, 0xEFCDAB89U, 0x98BADCFEU, 0x10325476U, 0xC3D2E1F0U};
    std::string padded(bytes);
    const std::uint64_t bit_length = static_cast<std::uint64_t>(bytes.size()) * 8;
    padded += '\x80';
    while (padded.size() % 64 != 56) {
        padded += '\0';
    }
    padded += big_endian(bit_length);
    for (std::size_t off = 0; off < padded.size(); off += 64) {
        sha1_block(h, reinterpret_cast<const unsigned char*>(padded.data() + off));
    }
    std::string out;
    for (std::uint32_t word : h) {
        out += big_endian(word);
    }
    return out;
}

std::string compute_checksum(ChecksumAlgorithm algorithm, std::string_view bytes) {
    switch (algorithm) {
        case ChecksumAlgorithm::Crc32:
            return base64_encode(big_endian(crc32(bytes)));
        case ChecksumAlgorithm::Crc32c:
            return base64_encode(big_endian(crc32c(bytes)));
        case ChecksumAlgorithm::Crc64Nvme:
            return base64_encode(big_endian(crc64nvme(bytes)));
        case ChecksumAlgorithm::Sha1:
            return base64_encode(sha1(bytes));
        case ChecksumAlgorithm::Sha256:
            return base64_encode(sha256(bytes));
    }
    return {};
}

}  // namespace lemu::sources::s3
