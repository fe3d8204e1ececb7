#pragma once
// The small part of Go's text/template that `--format` users reach for most: {{.A.B}} prints a
// field (strings bare, other values as JSON), {{json .A}} prints JSON, text outside {{ }} stays.
#include <nlohmann/json.hpp>
#include <string>

namespace berth::cli {

// Returns false with a message in `error` for a template it cannot handle.
bool renderTemplate(const std::string& tmpl, const nlohmann::json& data, std::string& out, std::string& error);

// What every `inspect` prints: each object through --format, or the list as indented JSON.
// Returns false (after printing the template error) when the template cannot be used.
bool printInspect(const nlohmann::json& objects, const std::string& format);

} // namespace berth::cli
