#include <catch2/catch.hpp>

#include "emulator/core/aws_error.hpp"
#include "sources/s3/bucket_rules.hpp"
#include "sources/s3/byte_range.hpp"
#include "sources/s3/checksum.hpp"

using namespace lemu;
using namespace lemu::sources::s3;

TEST_CASE("bucket names follow the general-purpose naming rules", "[unit][s3]") {
    for (const char* ok : {"abc", "my-bucket", "my.bucket.1", "a1b", "0bucket9",
                           "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz"}) {
        INFO(ok);
        CHECK(is_valid_bucket_name(ok));
    }
    for (const char* bad : {"ab", "My-Bucket", "bucket_name", "-bucket", "bucket-", "bu..cket", "192.168.5.4",
                            "xn--bucket", "sthree-bucket", "amzn-s3-demo-bucket", "bucket-s3alias", "bucket--ol-s3",
                            "bucket.mrap", "bucket--x-s3", "bucket--table-s3", "bucket.", "a b c",
                            "abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnopqrstuvwxyz0"}) {
        INFO(bad);
        CHECK_FALSE(is_valid_bucket_name(bad));
    }
}

TEST_CASE("location constraints follow the signing region", "[unit][s3]") {
    CHECK(resolve_bucket_region("us-east-1", std::nullopt) == "us-east-1");
    CHECK(resolve_bucket_region("us-east-1", std::string("eu-west-1")) == "eu-west-1");
    CHECK(resolve_bucket_region("eu-west-1", std::string("eu-west-1")) == "eu-west-1");
    CHECK(resolve_bucket_region("eu-west-1", std::string("EU")) == "eu-west-1");
    try {
        resolve_bucket_region("us-east-1", std::string("us-east-1"));
        FAIL("us-east-1 may not be named");
    } catch (const AwsError& e) {
        CHECK(e.name() == "InvalidLocationConstraint");
        CHECK(e.message() == "The specified location-constraint is not valid");
    }
    try {
        resolve_bucket_region("eu-west-2", std::nullopt);
        FAIL("a regional endpoint needs a constraint");
    } catch (const AwsError& e) {
        CHECK(e.name() == "IllegalLocationConstraintException");
        CHECK(e.message() == "The unspecified location constraint is incompatible for the region specific endpoint "
                             "this request was sent to.");
    }
    try {
        resolve_bucket_region("eu-west-2", std::string("us-west-2"));
        FAIL("mismatched constraint");
    } catch (const AwsError& e) {
        CHECK(e.message() == "The us-west-2 location constraint is incompatible for the region specific endpoint "
                             "this request was sent to.");
        CHECK(e.http_status() == 400);
    }
}

TEST_CASE("Range headers: single ranges honoured, others ignored or unsatisfiable", "[unit][s3]") {
    using K = ByteRange::Kind;
    auto r = parse_byte_range("bytes=0-9", 100);
    CHECK(r.kind == K::Partial);
    CHECK(r.first == 0);
    CHECK(r.last == 9);
    CHECK(r.length() == 10);
    r = parse_byte_range("bytes=90-", 100);
    CHECK((r.kind == K::Partial && r.first == 90 && r.last == 99));
    r = parse_byte_range("bytes=95-200", 100);
    CHECK((r.kind == K::Partial && r.first == 95 && r.last == 99));
    r = parse_byte_range("bytes=-10", 100);
    CHECK((r.kind == K::Partial && r.first == 90 && r.last == 99));
    r = parse_byte_range("bytes=-500", 100);
    CHECK((r.kind == K::Partial && r.first == 0 && r.last == 99));
    CHECK(parse_byte_range("bytes=100-", 100).kind == K::Unsatisfiable);
    CHECK(parse_byte_range("bytes=0-0", 0).kind == K::Unsatisfiable);
    CHECK(parse_byte_range("bytes=-0", 100).kind == K::Unsatisfiable);
    CHECK(parse_byte_range("bytes=5-2", 100).kind == K::Whole);
    CHECK(parse_byte_range("bytes=0-1,4-5", 100).kind == K::Whole);
    CHECK(parse_byte_range("items=0-1", 100).kind == K::Whole);
    CHECK(parse_byte_range("bytes=a-b", 100).kind == K::Whole);
}

TEST_CASE("flexible checksums match the published check values", "[unit][s3]") {
    CHECK(crc32("123456789") == 0xCBF43926U);
    CHECK(crc32c("123456789") == 0xE3069283U);
    CHECK(crc64nvme("123456789") == 0xAE8B14860A799888ULL);
    // botocore's x-amz-checksum-crc32 for b"hello" (captured on the wire).
    CHECK(compute_checksum(ChecksumAlgorithm::Crc32, "hello") == "NhCmhg==");
    CHECK(compute_checksum(ChecksumAlgorithm::Sha1, "abc") == "qZk+NkcGgWq6PiVxeFDCbJzQ2J0=");
    CHECK(compute_checksum(ChecksumAlgorithm::Sha256, "") == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
    CHECK(parse_checksum_algorithm("crc32c") == ChecksumAlgorithm::Crc32c);
    CHECK_FALSE(parse_checksum_algorithm("md5").has_value());
    CHECK(checksum_header(ChecksumAlgorithm::Crc64Nvme) == "x-amz-checksum-crc64nvme");
}
