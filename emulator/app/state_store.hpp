#pragma once
// `lemu up --state-dir DIR`: the whole control-plane state (functions, versions, aliases, policies, layers,
// concurrency, tags, async-invoke configs) survives a restart. After every acknowledged change the
// registries' snapshots are written as one JSON document with write_file_atomically() (temp file, fsync,
// rename, fsync dir), so a kill -9 at any moment leaves either the previous or the new state, never one
// that fails to load. Deployment packages are content-addressed files under DIR/code (CodeStore).
//
// Layout: DIR/state.json, DIR/code/...

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <nlohmann/json.hpp>

#include "emulator/control/function_registry.hpp"
#include "emulator/control/layer_registry.hpp"

namespace lemu {

struct ControlState {
    control::RegistrySnapshot functions;
    control::LayerSnapshot layers;
};

// The JSON encoding of the snapshots (format 1). decode_state throws std::runtime_error on a document
// it cannot read.
nlohmann::json encode_state(const ControlState& state);
ControlState decode_state(const nlohmann::json& document);

class StateStore {
  public:
    StateStore(std::filesystem::path dir, control::FunctionRegistry& functions,
               control::LayerRegistry& layers);

    std::filesystem::path state_file() const { return dir_ / "state.json"; }
    // Restores the registries from state.json when it exists (removing leftovers of interrupted writes).
    // Returns false when there was nothing to load. Throws std::runtime_error when the file is unreadable.
    bool load();
    // Writes the current state; serialized, so concurrent callers each persist a state that includes
    // their own change.
    void save();
    // Makes every registry change call save() before the change is acknowledged.
    void attach();

    // Further state kept beside the registries (function URL configs, ...) under its own member of
    // state.json: restored at once from what load() read, and written by every save(). The owner
    // calls save() after each of its changes.
    struct Section {
        std::function<nlohmann::json()> save;
        std::function<void(const nlohmann::json&)> restore;
    };
    void add_section(const std::string& key, Section section);

  private:
    std::filesystem::path dir_;
    control::FunctionRegistry& functions_;
    control::LayerRegistry& layers_;
    std::mutex mutex_;
    nlohmann::json loaded_;  // the document load() read, for sections added later
    std::map<std::string, Section> sections_;
};

}  // namespace lemu
