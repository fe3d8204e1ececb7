#include "go_template.h"

#include <iostream>

namespace berth::cli {

static const nlohmann::json* lookup(const nlohmann::json& root, const std::string& path) {
    const nlohmann::json* cur = &root;
    std::size_t start = 1; // skip the leading '.'
    if (path == ".") return cur;
    while (start < path.size()) {
        auto dot = path.find('.', start);
        std::string key = path.substr(start, dot == std::string::npos ? dot : dot - start);
        if (!cur->is_object() || !cur->contains(key)) return nullptr;
        cur = &(*cur)[key];
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return cur;
}

bool renderTemplate(const std::string& tmpl, const nlohmann::json& data, std::string& out, std::string& error) {
    std::size_t pos = 0;
    while (pos < tmpl.size()) {
        auto open = tmpl.find("{{", pos);
        if (open == std::string::npos) {
            out += tmpl.substr(pos);
            break;
        }
        out += tmpl.substr(pos, open - pos);
        auto close = tmpl.find("}}", open);
        if (close == std::string::npos) {
            error = "template: unclosed action";
            return false;
        }
        std::string action = tmpl.substr(open + 2, close - open - 2);
        while (!action.empty() && action.front() == ' ') action.erase(action.begin());
        while (!action.empty() && action.back() == ' ') action.pop_back();
        bool asJson = action.rfind("json ", 0) == 0;
        if (asJson) action = action.substr(5);
        if (action.empty() || action[0] != '.') {
            error = "template: unsupported action \"" + action + "\"";
            return false;
        }
        const nlohmann::json* v = lookup(data, action);
        if (!v) out += asJson ? "null" : "<no value>";
        else if (!asJson && v->is_string()) out += v->get<std::string>();
        else out += v->dump();
        pos = close + 2;
    }
    return true;
}

bool printInspect(const nlohmann::json& objects, const std::string& format) {
    if (format.empty()) {
        std::cout << objects.dump(4) << '\n';
        return true;
    }
    for (auto& j : objects) {
        std::string out, err;
        if (!renderTemplate(format, j, out, err)) {
            std::cerr << err << '\n';
            return false;
        }
        std::cout << out << '\n';
    }
    return true;
}

} // namespace berth::cli
