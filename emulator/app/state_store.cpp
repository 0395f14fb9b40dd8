#include "emulator/app/state_store.hpp"

#include <stdexcept>

#include "emulator/control/file_io.hpp"
#include "emulator/core/log.hpp"

namespace lemu {

namespace fs = std::filesystem;

StateStore::StateStore(fs::path dir, control::FunctionRegistry& functions, control::LayerRegistry& layers)
    : dir_(std::move(dir)), functions_(functions), layers_(layers) {
    fs::create_directories(dir_);
}

bool StateStore::load() {
    // Temporary files of writes that a crash interrupted; the rename never happened, so they are garbage.
    for (const auto& entry : fs::directory_iterator(dir_)) {
        if (entry.path().filename().string().starts_with("state.json.tmp.")) {
            std::error_code ignored;
            fs::remove(entry.path(), ignored);
        }
    }
    if (!fs::exists(state_file())) {
        return false;
    }
    const std::string text = control::read_file(state_file());
    nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
    if (document.is_discarded()) {
        throw std::runtime_error("cannot parse " + state_file().string());
    }
    ControlState state = decode_state(document);
    loaded_ = document;
    functions_.restore(state.functions);
    layers_.restore(state.layers);
    log::get("state")->info("restored {} functions and {} layer versions from {}",
                            state.functions.functions.size(), state.layers.versions.size(),
                            state_file().string());
    return true;
}

void StateStore::save() {
    std::lock_guard lock(mutex_);
    ControlState state{functions_.snapshot(), layers_.snapshot()};
    nlohmann::json document = encode_state(state);
    for (const auto& [key, section] : sections_) {
        document[key] = section.save();
    }
    control::write_file_atomically(state_file(), document.dump());
}

void StateStore::add_section(const std::string& key, Section section) {
    std::lock_guard lock(mutex_);
    if (loaded_.is_object() && loaded_.contains(key)) {
        section.restore(loaded_.at(key));
    }
    sections_[key] = std::move(section);
}

void StateStore::attach() {
    functions_.set_change_listener([this] { save(); });
    layers_.set_change_listener([this] { save(); });
}

}  // namespace lemu
