#include "routers/s3/payload.hpp"

#include <fmt/format.h>

#include <array>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/digest.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/text.hpp"
#include "routers/s3/aws_chunked.hpp"

namespace lemu::routers::s3 {
namespace {

using sources::s3::Checksum;
using sources::s3::ChecksumAlgorithm;

constexpr std::array kAlgorithms{ChecksumAlgorithm::Crc32, ChecksumAlgorithm::Crc32c, ChecksumAlgorithm::Crc64Nvme,
                                 ChecksumAlgorithm::Sha1, ChecksumAlgorithm::Sha256};

bool is_hex64(std::string_view s) {
    if (s.size() != 64) {
        return false;
    }
    for (char c : s) {
        if (!is_digit(c) && !(c >= 'a' && c <= 'f') && !(c >= 'A' && c <= 'F')) {
            return false;
        }
    }
    return true;
}

std::size_t digest_size(ChecksumAlgorithm a) {
    switch (a) {
        case ChecksumAlgorithm::Crc32:
        case ChecksumAlgorithm::Crc32c:
            return 4;
        case ChecksumAlgorithm::Crc64Nvme:
            return 8;
        case ChecksumAlgorithm::Sha1:
            return 20;
        case ChecksumAlgorithm::Sha256:
            return 32;
    }
    return 0;
}

void check_content_md5(std::string_view header, std::string_view bytes) {
    auto raw = base64_decode(trim(header));
    if (!raw || raw->size() != 16) {
        throw AwsError(ErrorCode::InvalidDigest, "The Content-MD5 you specified was invalid.")
            .with("Content-MD5", std::string(header));
    }
    if (*raw != md5(bytes)) {
        throw AwsError(ErrorCode::BadDigest, "The Content-MD5 you specified did not match what we received.")
            .with("ExpectedDigest", std::string(header))
            .with("CalculatedDigest", base64_encode(md5(bytes)));
    }
}

Checksum check_checksum(ChecksumAlgorithm algorithm, std::string_view claimed, std::string_view bytes) {
    std::string header = sources::s3::checksum_header(algorithm);
    auto raw = base64_decode(trim(claimed));
    if (!raw || raw->size() != digest_size(algorithm)) {
        throw AwsError(ErrorCode::InvalidRequest, fmt::format("Value for {} header is invalid.", header));
    }
    std::string actual = sources::s3::compute_checksum(algorithm, bytes);
    if (actual != trim(claimed)) {
        throw AwsError(ErrorCode::BadDigest,
                       fmt::format("The {} you specified did not match the calculated checksum.",
                                   sources::s3::checksum_name(algorithm)));
    }
    return Checksum{algorithm, actual};
}

std::optional<std::string> find_claim(const http::Request& request, const ChunkedPayload* chunked,
                                      std::string_view header) {
    if (auto value = request.header(header)) {
        return std::string(*value);
    }
    if (chunked != nullptr) {
        for (const auto& [name, value] : chunked->trailers) {
            if (name == header) {
                return value;
            }
        }
    }
    return std::nullopt;
}

}  // namespace

Payload read_payload(http::Request& request) {
    Payload payload;
    std::string_view content_sha = request.header("x-amz-content-sha256").value_or("");
    std::string_view encoding = request.header("Content-Encoding").value_or("");
    std::optional<ChunkedPayload> chunked;
    if (content_sha.starts_with("STREAMING-") || encoding.find("aws-chunked") != std::string_view::npos) {
        chunked = decode_aws_chunked(request.body);
        if (!chunked) {
            throw AwsError(ErrorCode::IncompleteBody,
                           "You did not provide the number of bytes specified by the Content-Length HTTP header");
        }
        if (auto declared = request.header("x-amz-decoded-content-length");
            declared && *declared != std::to_string(chunked->data.size())) {
            throw AwsError(ErrorCode::IncompleteBody,
                           "You did not provide the number of bytes specified by the Content-Length HTTP header");
        }
        payload.bytes = std::move(chunked->data);
    } else {
        payload.bytes = std::move(request.body);
        if (is_hex64(content_sha)) {
            std::string computed = hex_encode(sha256(payload.bytes));
            if (to_lower(content_sha) != computed) {
                throw AwsError(ErrorCode::XAmzContentSHA256Mismatch,
                               "The provided 'x-amz-content-sha256' header does not match what was computed.")
                    .with("ClientComputedContentSHA256", std::string(content_sha))
                    .with("S3ComputedContentSHA256", computed);
            }
        }
    }
    if (auto md5_header = request.header("Content-MD5")) {
        check_content_md5(*md5_header, payload.bytes);
        payload.had_integrity_header = true;
    }
    for (ChecksumAlgorithm algorithm : kAlgorithms) {
        if (auto claim = find_claim(request, chunked ? &*chunked : nullptr, sources::s3::checksum_header(algorithm))) {
            payload.checksum = check_checksum(algorithm, *claim, payload.bytes);
            payload.had_integrity_header = true;
            break;
        }
    }
    if (!payload.checksum) {
        auto named = request.header("x-amz-sdk-checksum-algorithm");
        if (!named) {
            named = request.header("x-amz-checksum-algorithm");
        }
        if (named) {
            auto algorithm = sources::s3::parse_checksum_algorithm(*named);
            if (!algorithm) {
                throw AwsError(ErrorCode::InvalidRequest, "Checksum algorithm provided is unsupported. Please try "
                                                          "again with any of the valid types: [CRC32, CRC32C, "
                                                          "CRC64NVME, SHA1, SHA256]");
            }
            payload.checksum = Checksum{*algorithm, sources::s3::compute_checksum(*algorithm, payload.bytes)};
        }
    }
    return payload;
}

}  // namespace lemu::routers::s3
