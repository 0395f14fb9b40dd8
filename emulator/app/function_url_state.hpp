#pragma once
// The JSON encoding of the function URL configs persisted by StateStore (member "function_urls" of
// state.json). decode_function_urls throws std::runtime_error on a document it cannot read.

#include <nlohmann/json.hpp>
#include <vector>

#include "emulator/control/function_url.hpp"

namespace lemu {

nlohmann::json encode_function_urls(const std::vector<control::FunctionUrlConfig>& configs);
std::vector<control::FunctionUrlConfig> decode_function_urls(const nlohmann::json& document);

}  // namespace lemu
