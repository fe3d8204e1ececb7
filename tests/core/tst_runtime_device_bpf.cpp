// The v2 device program (runtime/cgroups/device_bpf.h), run through a small interpreter of the few
// BPF instructions it emits, so the policy is checked without loading anything into a kernel.
// The real kernel runs it in tests/integration/tst_runtime_cgroup_v2_real.cpp.
#include "runtime/cgroups/device_bpf.h"
#include "runtime/cgroups/device_rule.h"

#include <QtTest>

#include <cstdint>
#include <optional>
#include <vector>

using namespace berth::runtime;

namespace {

struct Request {
    std::uint32_t type;   // BPF_DEVCG_DEV_BLOCK / BPF_DEVCG_DEV_CHAR
    std::uint32_t access; // BPF_DEVCG_ACC_* bits
    std::uint32_t major, minor;
};

constexpr std::uint32_t R = BPF_DEVCG_ACC_READ, W = BPF_DEVCG_ACC_WRITE, M = BPF_DEVCG_ACC_MKNOD;
constexpr std::uint32_t Char = BPF_DEVCG_DEV_CHAR, Block = BPF_DEVCG_DEV_BLOCK;

// Runs insns on a bpf_cgroup_dev_ctx; nullopt for an instruction it does not know, a jump out of
// the program, a read outside the context or too many steps (the verifier would refuse those).
std::optional<std::uint64_t> run(const std::vector<bpf_insn>& insns, const Request& request) {
    bpf_cgroup_dev_ctx ctx{request.type | (request.access << 16), request.major, request.minor};
    std::uint64_t reg[11] = {};
    bool initialized[11] = {};
    initialized[BPF_REG_1] = true; // r1 = the context
    std::size_t pc = 0;
    for (int steps = 0; steps < 10000 && pc < insns.size(); ++steps) {
        const bpf_insn& i = insns[pc++];
        std::uint8_t cls = BPF_CLASS(i.code), op = BPF_OP(i.code);
        bool useReg = BPF_SRC(i.code) == BPF_X;
        auto src = [&]() -> std::optional<std::uint64_t> {
            if (!useReg) return static_cast<std::uint64_t>(static_cast<std::int64_t>(i.imm));
            if (!initialized[i.src_reg]) return std::nullopt;
            return reg[i.src_reg];
        };
        if (i.code == (BPF_LDX | BPF_W | BPF_MEM)) {
            if (i.src_reg != BPF_REG_1 || i.off < 0 || i.off % 4 != 0 ||
                static_cast<std::size_t>(i.off) + 4 > sizeof ctx)
                return std::nullopt;
            std::uint32_t v;
            std::memcpy(&v, reinterpret_cast<const char*>(&ctx) + i.off, 4);
            reg[i.dst_reg] = v;
            initialized[i.dst_reg] = true;
        } else if (cls == BPF_ALU || cls == BPF_ALU64) {
            auto s = src();
            if (!s || (op != BPF_MOV && !initialized[i.dst_reg])) return std::nullopt;
            std::uint64_t& d = reg[i.dst_reg];
            if (op == BPF_MOV)
                d = *s;
            else if (op == BPF_AND)
                d &= *s;
            else if (op == BPF_RSH)
                d >>= (*s & 63);
            else
                return std::nullopt;
            if (cls == BPF_ALU) d &= 0xffffffffu;
            initialized[i.dst_reg] = true;
        } else if (cls == BPF_JMP) {
            if (op == BPF_EXIT) {
                if (!initialized[BPF_REG_0]) return std::nullopt;
                return reg[BPF_REG_0];
            }
            bool taken;
            if (op == BPF_JA)
                taken = true;
            else {
                auto s = src();
                if (!s || !initialized[i.dst_reg]) return std::nullopt;
                if (op == BPF_JEQ)
                    taken = reg[i.dst_reg] == *s;
                else if (op == BPF_JNE)
                    taken = reg[i.dst_reg] != *s;
                else
                    return std::nullopt;
            }
            if (taken) {
                if (i.off < 0) return std::nullopt; // only forward jumps, as the verifier wants
                pc += static_cast<std::size_t>(i.off);
            }
        } else {
            return std::nullopt;
        }
    }
    return std::nullopt; // fell off the end or looped
}

// What the kernel's verifier insists on for these straight-line programs: every instruction is
// reachable, jumps go forward and land inside, and the last instruction is an exit.
bool verifierShape(const std::vector<bpf_insn>& insns) {
    if (insns.empty() || insns.back().code != (BPF_JMP | BPF_EXIT)) return false;
    std::vector<bool> reached(insns.size(), false);
    reached[0] = true;
    for (std::size_t pc = 0; pc < insns.size(); ++pc) {
        if (!reached[pc]) return false;
        const bpf_insn& i = insns[pc];
        if (BPF_CLASS(i.code) == BPF_JMP && BPF_OP(i.code) == BPF_EXIT) continue;
        if (BPF_CLASS(i.code) == BPF_JMP) {
            if (i.off < 0 || pc + 1 + static_cast<std::size_t>(i.off) >= insns.size()) return false;
            reached[pc + 1 + static_cast<std::size_t>(i.off)] = true;
            if (BPF_OP(i.code) == BPF_JA) continue;
        }
        if (pc + 1 < insns.size()) reached[pc + 1] = true;
    }
    return true;
}

bool allowed(const std::vector<bpf_insn>& insns, Request r) {
    auto v = run(insns, r);
    if (!v) qFatal("the device program did not run to an exit for %u:%u", r.major, r.minor);
    return *v == 1;
}

} // namespace

class TestDeviceBpf : public QObject {
    Q_OBJECT
private slots:
    void defaultPolicyAllowsTheStandardDevices();
    void defaultPolicyDeniesEverythingElse();
    void lastMatchingRuleWins();
    void wildcardsAndPartialAccess();
    void emptyRulesDenyAll();
    void ruleTextForV1();
};

void TestDeviceBpf::defaultPolicyAllowsTheStandardDevices() {
    auto p = deviceProgram(defaultDeviceRules());
    QVERIFY(verifierShape(p));
    for (auto [major, minor] : {std::pair{1u, 3u},
                                {1u, 5u},
                                {1u, 7u},
                                {1u, 8u},
                                {1u, 9u},
                                {5u, 0u},
                                {5u, 1u},
                                {5u, 2u},
                                {136u, 0u},
                                {136u, 42u},
                                {10u, 200u}}) {
        QVERIFY2(allowed(p, {Char, R | W, major, minor}),
                 qPrintable(QStringLiteral("c %1:%2 rw").arg(major).arg(minor)));
        QVERIFY(allowed(p, {Char, R, major, minor}));
        QVERIFY(allowed(p, {Char, M, major, minor}));
    }
    // Docker lets CAP_MKNOD make any node; using it is what is checked.
    QVERIFY(allowed(p, {Char, M, 1, 3}));
    QVERIFY(allowed(p, {Block, M, 8, 0}));
    QVERIFY(allowed(p, {Char, M, 10, 229}));
}

void TestDeviceBpf::defaultPolicyDeniesEverythingElse() {
    auto p = deviceProgram(defaultDeviceRules());
    QVERIFY(!allowed(p, {Block, R, 8, 0})); // /dev/sda
    QVERIFY(!allowed(p, {Block, R | W, 8, 0}));
    QVERIFY(!allowed(p, {Block, W, 259, 0}));     // nvme
    QVERIFY(!allowed(p, {Char, R | W, 10, 229})); // fuse
    QVERIFY(!allowed(p, {Char, R, 1, 1}));        // /dev/mem
    QVERIFY(!allowed(p, {Char, R | W, 4, 1}));    // a host tty
    QVERIFY(!allowed(p, {Char, R | M, 4, 1}));    // mknod plus read is more than "m"
    QVERIFY(!allowed(p, {Block, R, 1, 3}));       // right numbers, wrong type
}

void TestDeviceBpf::lastMatchingRuleWins() {
    std::vector<DeviceRule> rules = {
        {'c', 1, 3, "rwm", true},
        {'a', -1, -1, "rwm", false}, // a later deny-all overrides the allow
        {'c', 1, 5, "rwm", true},
    };
    auto p = deviceProgram(rules);
    QVERIFY(verifierShape(p)); // the hidden first rule is left out
    QVERIFY(!allowed(p, {Char, R, 1, 3}));
    QVERIFY(allowed(p, {Char, R, 1, 5}));

    std::vector<DeviceRule> denyAfterAllow = {{'c', 10, -1, "rwm", true}, {'c', 10, 200, "rw", false}};
    p = deviceProgram(denyAfterAllow);
    QVERIFY(verifierShape(p));
    QVERIFY(!allowed(p, {Char, R, 10, 200}));
    QVERIFY(allowed(p, {Char, M, 10, 200})); // the deny names rw only
    QVERIFY(allowed(p, {Char, R | W, 10, 229}));
}

void TestDeviceBpf::wildcardsAndPartialAccess() {
    std::vector<DeviceRule> rules = {
        {'b', 8, -1, "r", true}, {'c', -1, 7, "w", true}, {'a', 4, 64, "rwm", true}};
    auto p = deviceProgram(rules);
    QVERIFY(verifierShape(p));
    QVERIFY(allowed(p, {Block, R, 8, 0}));
    QVERIFY(allowed(p, {Block, R, 8, 17}));
    QVERIFY(!allowed(p, {Block, W, 8, 0}));
    QVERIFY(!allowed(p, {Block, R | W, 8, 0}));
    QVERIFY(!allowed(p, {Char, R, 8, 0}));
    QVERIFY(allowed(p, {Char, W, 1, 7}));
    QVERIFY(allowed(p, {Char, W, 99, 7}));
    QVERIFY(!allowed(p, {Char, R, 1, 7}));
    QVERIFY(allowed(p, {Char, R | W | M, 4, 64}));
    QVERIFY(allowed(p, {Block, R | W | M, 4, 64}));
    QVERIFY(!allowed(p, {Block, R, 4, 65}));
}

void TestDeviceBpf::emptyRulesDenyAll() {
    auto p = deviceProgram({});
    QCOMPARE(p.size(), std::size_t(9)); // the context loads, then r0 = 0, exit
    QVERIFY(verifierShape(p));
    QVERIFY(!allowed(p, {Char, R, 1, 3}));
}

void TestDeviceBpf::ruleTextForV1() {
    QCOMPARE(deviceRuleText({'a', -1, -1, "rwm", false}), std::string("a"));
    QCOMPARE(deviceRuleText({'c', 136, -1, "rwm", true}), std::string("c 136:* rwm"));
    QCOMPARE(deviceRuleText({'b', -1, -1, "m", true}), std::string("b *:* m"));
    QCOMPARE(deviceRuleText({'c', 1, 3, "rwm", true}), std::string("c 1:3 rwm"));
}

QTEST_APPLESS_MAIN(TestDeviceBpf)
#include "tst_runtime_device_bpf.moc"
