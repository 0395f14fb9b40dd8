#include "sources/s3/bucket_rules.hpp"

#include <array>
#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::s3 {
namespace {

constexpr std::array kReservedPrefixes{std::string_view{"xn--"}, std::string_view{"sthree-"},
                                       std::string_view{"amzn-s3-demo-"}};
constexpr std::array kReservedSuffixes{std::string_view{"-s3alias"}, std::string_view{"--ol-s3"},
                                       std::string_view{".mrap"}, std::string_view{"--x-s3"},
                                       std::string_view{"--table-s3"}};

// The regions a LocationConstraint may name (the s3 BucketLocationConstraint enum plus "EU").
constexpr std::array kConstraints{
    "af-south-1",     "ap-east-1",      "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
    "ap-south-2",     "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5",
    "ca-central-1",   "ca-west-1",      "cn-north-1",     "cn-northwest-1", "EU",             "eu-central-1",
    "eu-central-2",   "eu-north-1",     "eu-south-1",     "eu-south-2",     "eu-west-1",      "eu-west-2",
    "eu-west-3",      "il-central-1",   "me-central-1",   "me-south-1",     "sa-east-1",      "us-east-2",
    "us-gov-east-1",  "us-gov-west-1",  "us-west-1",      "us-west-2"};

bool looks_like_ipv4(std::string_view name) {
    auto parts = split(name, '.');
    if (parts.size() != 4) {
        return false;
    }
    for (auto part : parts) {
        if (part.empty() || part.size() > 3) {
            return false;
        }
        for (char c : part) {
            if (!is_digit(c)) {
                return false;
            }
        }
    }
    return true;
}

AwsError illegal_constraint(std::string_view constraint) {
    return AwsError(ErrorCode::IllegalLocationConstraint,
                    fmt::format("The {} location constraint is incompatible for the region specific endpoint "
                                "this request was sent to.",
                                constraint.empty() ? std::string_view{"unspecified"} : constraint));
}

}  // namespace

bool is_valid_bucket_name(std::string_view name) {
    if (name.size() < 3 || name.size() > 63) {
        return false;
    }
    for (char c : name) {
        bool lower = c >= 'a' && c <= 'z';
        if (!lower && !is_digit(c) && c != '.' && c != '-') {
            return false;
        }
    }
    if (!is_alnum(name.front()) || !is_alnum(name.back())) {
        return false;
    }
    if (name.find("..") != std::string_view::npos || looks_like_ipv4(name)) {
        return false;
    }
    for (auto prefix : kReservedPrefixes) {
        if (name.starts_with(prefix)) {
            return false;
        }
    }
    for (auto suffix : kReservedSuffixes) {
        if (name.ends_with(suffix)) {
            return false;
        }
    }
    return true;
}

std::string resolve_bucket_region(std::string_view endpoint_region, const std::optional<std::string>& constraint) {
    if (!constraint || constraint->empty()) {
        if (endpoint_region != "us-east-1") {
            throw illegal_constraint("");
        }
        return "us-east-1";
    }
    const std::string& wanted = *constraint;
    if (endpoint_region == "us-east-1") {
        // The global endpoint creates buckets anywhere, but refuses to be named explicitly.
        bool known = false;
        for (std::string_view c : kConstraints) {
            known = known || c == wanted;
        }
        if (!known) {
            throw AwsError(ErrorCode::InvalidLocationConstraint, "The specified location-constraint is not valid")
                .with("LocationConstraint", wanted);
        }
        return wanted == "EU" ? "eu-west-1" : wanted;
    }
    if (endpoint_region == "eu-west-1" && wanted == "EU") {
        return "eu-west-1";
    }
    if (wanted != endpoint_region) {
        throw illegal_constraint(wanted);
    }
    return wanted;
}

}  // namespace lemu::sources::s3
