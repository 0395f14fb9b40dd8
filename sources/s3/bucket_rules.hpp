#pragma once
// The rules AWS applies to a new bucket: its name and where it may live.

#include <optional>
#include <string>
#include <string_view>

namespace lemu::sources::s3 {

// General-purpose bucket naming rules: 3-63 characters of [a-z0-9.-], starting and ending with a
// letter or digit, no "..", not an IPv4 address, none of the reserved prefixes and suffixes.
bool is_valid_bucket_name(std::string_view name);

// The region a CreateBucket request lands in. `endpoint_region` is the region the request was
// signed for; `constraint` the CreateBucketConfiguration's LocationConstraint (nullopt: no body or
// no element). Throws AwsError (InvalidLocationConstraint, IllegalLocationConstraintException).
std::string resolve_bucket_region(std::string_view endpoint_region, const std::optional<std::string>& constraint);

}  // namespace lemu::sources::s3
