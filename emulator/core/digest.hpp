#pragma once
// SHA-256 (CodeSha256, RevisionIds of content) and MD5 (SQS MD5OfMessageBody, S3 ETags).
// Raw digests are returned as binary strings; pair them with hex_encode or base64_encode.

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace lemu {

class Sha256 {
public:
    Sha256();
    Sha256& update(std::string_view bytes);
    std::string digest();  // 32 raw bytes; the object is spent afterwards

private:
    void block(const unsigned char* p);
    std::array<std::uint32_t, 8> h_;
    std::array<unsigned char, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;
};

class Md5 {
public:
    Md5();
    Md5& update(std::string_view bytes);
    std::string digest();  // 16 raw bytes; the object is spent afterwards

private:
    void block(const unsigned char* p);
    std::array<std::uint32_t, 4> h_;
    std::array<unsigned char, 64> buffer_{};
    std::size_t buffered_ = 0;
    std::uint64_t length_ = 0;
};

std::string sha256(std::string_view bytes);
std::string md5(std::string_view bytes);

}  // namespace lemu
