#pragma once
// URL helpers of the HTTP layer: the core's percent-encoding under lemu::http names.

#include "emulator/core/percent_encoding.hpp"

namespace lemu::http {

using lemu::parse_query;
using lemu::percent_decode;
using lemu::percent_encode;
using lemu::QueryParams;

}  // namespace lemu::http
