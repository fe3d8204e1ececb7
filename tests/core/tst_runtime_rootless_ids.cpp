// Rootless mode's pure parts: /etc/subuid and /etc/subgid parsing, the uid_map/gid_map plan that
// newuidmap and newgidmap receive, the paths under XDG directories, and the machine checks fed
// with fixture files (the real ones belong to the host).
#include "runtime/rootless/id_mapping_plan.h"
#include "runtime/rootless/rootless_checks.h"
#include "runtime/rootless/rootless_info.h"
#include "runtime/rootless/rootless_join.h"
#include "runtime/rootless/rootless_paths.h"
#include "runtime/rootless/subordinate_ids.h"
#include "test_env.h"

#include <QtTest>

#include <map>
#include <string>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace berth;
using namespace berth::runtime;
using namespace berth::test;
namespace fs = std::filesystem;

namespace {

// "start:count,start:count"
QString rangesText(const std::vector<IdRange>& ranges) {
    QStringList out;
    for (auto& r : ranges)
        out << QStringLiteral("%1:%2").arg(r.start).arg(r.count);
    return out.join(QLatin1Char(','));
}

std::vector<IdRange> rangesFrom(const QString& text) {
    std::vector<IdRange> out;
    for (const QString& r : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        auto parts = r.split(QLatin1Char(':'));
        out.push_back({parts[0].toUInt(), parts[1].toUInt()});
    }
    return out;
}

// "inside outside count" lines joined with ", ".
QString mapText(const std::vector<IdMapping>& maps) {
    return QString::fromStdString(idMapText(maps)).trimmed().replace(QLatin1Char('\n'), QStringLiteral(", "));
}

} // namespace

class TestRootlessIds : public QObject {
    Q_OBJECT

private slots:
    void parse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("user");
        QTest::addColumn<uint>("uid");
        QTest::addColumn<QString>("ranges");

        const QString file = QStringLiteral("root:1000000:65536\nalice:100000:65536\nbob:165536:65536\n");
        QTest::newRow("by name") << file << "alice" << 1000u << "100000:65536";
        QTest::newRow("other user") << file << "bob" << 1001u << "165536:65536";
        QTest::newRow("absent") << file << "carol" << 1002u << "";
        QTest::newRow("by uid") << "1000:200000:10\n"
                                << "alice" << 1000u << "200000:10";
        QTest::newRow("name and uid lines both count") << "alice:100000:65536\n1000:300000:5\n"
                                                       << "alice" << 1000u << "100000:65536,300000:5";
        QTest::newRow("several ranges in file order") << "alice:300000:5\nalice:100000:10\n"
                                                      << "alice" << 1000u << "300000:5,100000:10";
        QTest::newRow("comments and blank lines") << "# header\n\n  alice:100000:65536  \n#alice:1:2\n"
                                                  << "alice" << 1000u << "100000:65536";
        QTest::newRow("no trailing newline") << "alice:100000:7"
                                             << "alice" << 1000u << "100000:7";
        QTest::newRow("crlf") << "alice:100000:7\r\n"
                              << "alice" << 1000u << "100000:7";
        QTest::newRow("malformed lines skipped")
            << "alice:abc:5\nalice:100000\nalice::5\nalice:1:-5\nalice:100000:65536\n"
            << "alice" << 1000u << "100000:65536";
        QTest::newRow("empty range skipped") << "alice:100000:0\n"
                                             << "alice" << 1000u << "";
        QTest::newRow("range past the last id skipped") << "alice:4294967290:10\nalice:4294967200:10\n"
                                                        << "alice" << 1000u << "4294967200:10";
        QTest::newRow("prefix of a name is not the name") << "alicia:100000:5\n"
                                                          << "alice" << 1000u << "";
        QTest::newRow("uid prefix is not the uid") << "10000:100000:5\n"
                                                   << "alice" << 1000u << "";
        QTest::newRow("empty file") << ""
                                    << "alice" << 1000u << "";
    }
    void parse() {
        QFETCH(QString, text);
        QFETCH(QString, user);
        QFETCH(uint, uid);
        QFETCH(QString, ranges);
        QCOMPARE(rangesText(parseSubordinateIds(text.toStdString(), user.toStdString(), uid)), ranges);
    }

    void readMissingFileIsNoRanges() {
        auto r = readSubordinateIds("/nonexistent/subuid", "alice", 1000);
        QVERIFY(r.has_value());
        QVERIFY(r->empty());
    }

    void plan_data() {
        QTest::addColumn<uint>("own");
        QTest::addColumn<QString>("ranges");
        QTest::addColumn<QString>("map");

        QTest::newRow("no ranges: single id") << 1000u << ""
                                              << "0 1000 1";
        QTest::newRow("one range") << 1000u << "100000:65536"
                                   << "0 1000 1, 1 100000 65536";
        QTest::newRow("sorted by start") << 1000u << "300000:5,100000:10"
                                         << "0 1000 1, 1 100000 10, 11 300000 5";
        QTest::newRow("overlaps merged") << 1000u << "100000:10,100005:10"
                                         << "0 1000 1, 1 100000 15";
        QTest::newRow("adjacent merged") << 1000u << "100000:10,100010:10"
                                         << "0 1000 1, 1 100000 20";
        QTest::newRow("contained range merged") << 1000u << "100000:100,100010:5"
                                                << "0 1000 1, 1 100000 100";
        QTest::newRow("own id cut out of a range") << 1005u << "1000:10"
                                                   << "0 1005 1, 1 1000 5, 6 1006 4";
        QTest::newRow("own id at a range's start") << 1000u << "1000:10"
                                                   << "0 1000 1, 1 1001 9";
        QTest::newRow("own id at a range's end") << 1009u << "1000:10"
                                                 << "0 1009 1, 1 1000 9";
        QTest::newRow("own id is the whole range") << 1000u << "1000:1"
                                                   << "0 1000 1";
        QTest::newRow("inside ids stop at 4294967294") << 1000u << "10000:4294000000"
                                                       << "0 1000 1, 1 10000 4294000000";
        QTest::newRow("capped before the no-id value") << 0u << "1:4294967294"
                                                       << "0 0 1, 1 1 4294967294";
    }
    void plan() {
        QFETCH(uint, own);
        QFETCH(QString, ranges);
        QFETCH(QString, map);
        QCOMPARE(mapText(planIds(own, rangesFrom(ranges))), map);
    }

    void planCappedAtKernelLineLimit() {
        std::vector<IdRange> many;
        for (std::uint32_t i = 0; i < 500; ++i)
            many.push_back({100000 + i * 10, 5});
        auto maps = planIds(1000, many);
        QCOMPARE(maps.size(), MaxIdMapLines);
        QCOMPARE(maps.back().outside, 100000u + (MaxIdMapLines - 2) * 10);
        QCOMPARE(maps.back().inside, 1u + (MaxIdMapLines - 2) * 5);
    }

    void planIsSingleIdUnlessBothKindsHaveRanges() {
        auto both = planIdMappings(1000, 1001, {{100000, 65536}}, {{200000, 65536}});
        QVERIFY(!both.singleId());
        QCOMPARE(mapText(both.uids), QStringLiteral("0 1000 1, 1 100000 65536"));
        QCOMPARE(mapText(both.gids), QStringLiteral("0 1001 1, 1 200000 65536"));
        auto noGids = planIdMappings(1000, 1001, {{100000, 65536}}, {});
        QVERIFY(noGids.singleId());
        QCOMPARE(mapText(noGids.uids), QStringLiteral("0 1000 1"));
        QCOMPARE(mapText(noGids.gids), QStringLiteral("0 1001 1"));
    }

    void newIdMapArguments() {
        auto args = newIdMapArgs(4242, {{0, 1000, 1}, {1, 100000, 65536}});
        std::vector<std::string> want{"4242", "0", "1000", "1", "1", "100000", "65536"};
        QVERIFY(args == want);
        QCOMPARE(idMapText({{0, 1000, 1}, {1, 100000, 65536}}), std::string("0 1000 1\n1 100000 65536\n"));
    }

    void freeStart_data() {
        QTest::addColumn<QString>("subuid");
        QTest::addColumn<QString>("subgid");
        QTest::addColumn<uint>("start");
        QTest::newRow("empty files") << ""
                                     << "" << 100000u;
        QTest::newRow("after useradd's first range") << "alice:100000:65536\n"
                                                     << "" << 165536u;
        QTest::newRow("past the end in either file") << "alice:100000:65536\n"
                                                     << "bob:300000:65536\n"
                                                     << 427680u;
        QTest::newRow("rounded up to a block") << "alice:100000:10\n"
                                               << "" << 165536u;
        QTest::newRow("low ranges ignored") << "alice:1000:10\n"
                                            << "" << 100000u;
        QTest::newRow("comments ignored") << "#x:900000:5\nalice:100000:65536\n"
                                          << "" << 165536u;
    }
    void freeStart() {
        QFETCH(QString, subuid);
        QFETCH(QString, subgid);
        QFETCH(uint, start);
        std::string u = subuid.toStdString(), g = subgid.toStdString();
        QCOMPARE(freeSubordinateStart({u, g}), start);
    }

    void paths_data() {
        QTest::addColumn<QStringList>("env"); // NAME=value
        QTest::addColumn<QString>("home");    // from the password database
        QTest::addColumn<QString>("store");
        QTest::addColumn<QString>("runtime");
        QTest::addColumn<bool>("fallback");
        QTest::newRow("xdg") << QStringList{"XDG_DATA_HOME=/d", "XDG_RUNTIME_DIR=/run/user/1000", "HOME=/h"}
                             << "/p"
                             << "/d/berth"
                             << "/run/user/1000/berth" << false;
        QTest::newRow("home") << QStringList{"HOME=/home/alice", "XDG_RUNTIME_DIR=/r"} << "/p"
                              << "/home/alice/.local/share/berth"
                              << "/r/berth" << false;
        QTest::newRow("passwd home") << QStringList{} << "/p"
                                     << "/p/.local/share/berth"
                                     << "/tmp/berth-run-1000" << true;
        QTest::newRow("relative xdg ignored")
            << QStringList{"XDG_DATA_HOME=rel", "XDG_RUNTIME_DIR=rel", "HOME=/h"} << "/p"
            << "/h/.local/share/berth"
            << "/tmp/berth-run-1000" << true;
        QTest::newRow("empty xdg ignored") << QStringList{"XDG_DATA_HOME=", "HOME=/h"} << "/p"
                                           << "/h/.local/share/berth"
                                           << "/tmp/berth-run-1000" << true;
    }
    void paths() {
        QFETCH(QStringList, env);
        QFETCH(QString, home);
        QFETCH(QString, store);
        QFETCH(QString, runtime);
        QFETCH(bool, fallback);
        std::map<std::string, std::string> vars;
        for (const QString& kv : env)
            vars[kv.section(QLatin1Char('='), 0, 0).toStdString()] =
                kv.section(QLatin1Char('='), 1).toStdString();
        auto lookup = [&vars](const char* name) -> const char* {
            auto it = vars.find(name);
            return it == vars.end() ? nullptr : it->second.c_str();
        };
        auto p = rootlessPaths(lookup, 1000, home.toStdString());
        QCOMPARE(QString::fromStdString(p.storeRoot.string()), store);
        QCOMPARE(QString::fromStdString(p.runtimeDir.string()), runtime);
        QCOMPARE(p.runtimeDirFallback, fallback);
    }

    // Without XDG_RUNTIME_DIR: logind's <runUser>/<uid> when it is ours and private, else
    // <tmp>/berth-run-<uid> (as Podman).
    void runtimeDirBases() {
        TempDir dir;
        RuntimeDirBases bases{dir / "run-user", dir / "tmp", static_cast<std::uint32_t>(::geteuid())};
        const fs::path session = dir / "run-user/1000";
        std::map<std::string, std::string> vars{{"HOME", "/h"}};
        auto lookup = [&vars](const char* name) -> const char* {
            auto it = vars.find(name);
            return it == vars.end() ? nullptr : it->second.c_str();
        };
        auto p = rootlessPaths(lookup, 1000, {}, &bases);
        QCOMPARE(p.runtimeDir, dir / "tmp/berth-run-1000");
        QVERIFY(p.runtimeDirFallback);
        fs::create_directories(session);
        fs::permissions(session, fs::perms::owner_all);
        p = rootlessPaths(lookup, 1000, {}, &bases);
        QCOMPARE(p.runtimeDir, session / "berth");
        QVERIFY(!p.runtimeDirFallback);
        // Open to others, or someone else's: not the user's session directory.
        fs::permissions(session, fs::perms::owner_all | fs::perms::others_exec);
        QCOMPARE(rootlessPaths(lookup, 1000, {}, &bases).runtimeDir, dir / "tmp/berth-run-1000");
        fs::permissions(session, fs::perms::owner_all);
        bases.ownId += 1;
        QCOMPARE(rootlessPaths(lookup, 1000, {}, &bases).runtimeDir, dir / "tmp/berth-run-1000");
        bases.ownId -= 1;
        vars["XDG_RUNTIME_DIR"] = "/x";
        p = rootlessPaths(lookup, 1000, {}, &bases);
        QCOMPARE(p.runtimeDir, fs::path("/x/berth"));
        QVERIFY(!p.runtimeDirFallback);
    }

    // The /tmp fallback is made 0700 by the user where /tmp lets it, and refused in one line that
    // says to set XDG_RUNTIME_DIR where it does not (a /tmp of mode 0755).
    void fallbackRuntimeDirNeedsAWritableTmp() {
        if (!isRoot()) QSKIP("needs root: acts as another user");
        TempDir dir;
        const uid_t nobody = 65534;
        ::chmod(dir.path().c_str(), 0755); // the other user reaches the bases through it
        for (bool writable : {true, false}) {
            const fs::path tmp = dir / (writable ? "sticky" : "closed");
            fs::create_directories(tmp);
            ::chmod(tmp.c_str(), writable ? 01777 : 0755);
            RuntimeDirBases bases{{}, tmp, nobody};
            auto p = rootlessPaths([](const char*) -> const char* { return nullptr; }, nobody, "/h", &bases);
            QCOMPARE(p.runtimeDir, tmp / "berth-run-65534");
            int pipeFds[2];
            QCOMPARE(::pipe(pipeFds), 0);
            pid_t child = ::fork();
            if (child == 0) {
                ::close(pipeFds[0]);
                if (::setresgid(nobody, nobody, nobody) != 0 || ::setresuid(nobody, nobody, nobody) != 0)
                    ::_exit(3);
                auto made = ensureRuntimeDir(p);
                if (made) ::_exit(0);
                const std::string& m = made.error().message;
                ssize_t n = ::write(pipeFds[1], m.data(), m.size());
                ::_exit(n < 0 ? 2 : 1);
            }
            ::close(pipeFds[1]);
            std::string text;
            char buf[512];
            for (ssize_t n; (n = ::read(pipeFds[0], buf, sizeof buf)) > 0;)
                text.append(buf, static_cast<std::size_t>(n));
            ::close(pipeFds[0]);
            int status = 0;
            QCOMPARE(::waitpid(child, &status, 0), child);
            QVERIFY(WIFEXITED(status));
            if (writable) {
                QCOMPARE(WEXITSTATUS(status), 0);
                struct stat st {};
                QCOMPARE(::lstat(p.runtimeDir.c_str(), &st), 0);
                QCOMPARE(st.st_uid, nobody);
                QCOMPARE(st.st_mode & 0777, 0700u);
                continue;
            }
            QCOMPARE(WEXITSTATUS(status), 1);
            QVERIFY2(text.find("creating " + p.runtimeDir.string()) != std::string::npos, text.c_str());
            QVERIFY2(text.find("XDG_RUNTIME_DIR is unset: set it") != std::string::npos, text.c_str());
            QVERIFY(text.find('\n') == std::string::npos);
            QVERIFY(!fs::exists(p.runtimeDir));
        }
    }

    void fallbackRuntimeDirMustBePrivate() {
        TempDir dir;
        RootlessPaths p{dir / "store", dir / "run", true};
        QVERIFY(ensureRuntimeDir(p).has_value());
        QCOMPARE(fs::status(p.runtimeDir).permissions() & fs::perms::all, fs::perms::owner_all);
        fs::permissions(p.runtimeDir, fs::perms::all);
        auto open = ensureRuntimeDir(p);
        QVERIFY(!open.has_value());
        QVERIFY2(open.error().message.find("not a private directory") != std::string::npos,
                 open.error().message.c_str());
    }

    void planForUserSaysWhatToRun() {
        TempDir dir;
        writeText(dir / "subuid", "bob:100000:65536\n");
        writeText(dir / "subgid", "bob:100000:65536\nalice:100000:65536\n");
        auto none = planForUser(1000, 1000, "alice", dir / "subuid", dir / "subgid", true);
        QVERIFY(none.plan.singleId());
        QVERIFY2(none.notice.find("no subordinate uid range for user alice in " +
                                  (dir / "subuid").string()) != std::string::npos,
                 none.notice.c_str());
        QVERIFY2(
            none.notice.find("sudo usermod --add-subuids 165536-231071 --add-subgids 165536-231071 alice") !=
                std::string::npos,
            none.notice.c_str());
        QVERIFY(none.notice.find('\n') == std::string::npos);

        writeText(dir / "subuid", "alice:200000:65536\n");
        auto full = planForUser(1000, 1000, "alice", dir / "subuid", dir / "subgid", true);
        QVERIFY(full.notice.empty());
        QCOMPARE(mapText(full.plan.uids), QStringLiteral("0 1000 1, 1 200000 65536"));
        auto noTools = planForUser(1000, 1000, "alice", dir / "subuid", dir / "subgid", false);
        QVERIFY(noTools.plan.singleId());
        QVERIFY2(noTools.notice.find("sudo apt-get install uidmap") != std::string::npos,
                 noTools.notice.c_str());
    }

    void checksOnFixtures() {
        TempDir dir;
        writeText(dir / "subuid", "alice:100000:65536\n");
        writeText(dir / "subgid", "");
        writeText(dir / "max", "0\n");
        writeText(dir / "clone", "1\n");
        writeText(dir / "apparmor", "1\n");
        writeText(dir / "newuidmap", "");
        RootlessCheckInputs in;
        in.user = "alice";
        in.uid = 1000;
        in.subuidFile = dir / "subuid";
        in.subgidFile = dir / "subgid";
        in.tools = {dir / "newuidmap", {}};
        in.rootOwner = ::geteuid(); // the fixture belongs to whoever runs the test
        in.maxUserNamespaces = dir / "max";
        in.unprivilegedUsernsClone = dir / "clone";
        in.apparmorRestrict = dir / "apparmor";
        auto checks = checkRootless(in);
        std::map<std::string, RootlessCheck> byName;
        for (auto& c : checks)
            byName[c.name] = c;
        QVERIFY(byName.at("subordinate uids").ok);
        QVERIFY(!byName.at("subordinate gids").ok);
        QCOMPARE(byName.at("subordinate gids").fix,
                 std::string("sudo usermod --add-subuids 165536-231071 --add-subgids 165536-231071 alice"));
        QVERIFY(!byName.at("newuidmap").ok); // a plain file, not setuid
        QVERIFY(byName.at("newuidmap").fix.find("chmod u+s") != std::string::npos);
        QCOMPARE(byName.at("newgidmap").fix, std::string("sudo apt-get install uidmap"));
        QVERIFY(!byName.at("user.max_user_namespaces").ok);
        QVERIFY(byName.at("user.max_user_namespaces").required);
        QVERIFY(byName.at("kernel.unprivileged_userns_clone").ok);
        QVERIFY(!byName.at("kernel.apparmor_restrict_unprivileged_userns").ok);
        QVERIFY(byName.at("kernel.apparmor_restrict_unprivileged_userns").fix.find("=0") !=
                std::string::npos);
        QVERIFY(!byName.at("XDG_RUNTIME_DIR").ok);
        for (auto& c : checks) {
            QVERIFY2(c.ok || !c.fix.empty(), c.name.c_str());
            QVERIFY(c.fix.find('\n') == std::string::npos);
        }

        fs::remove(dir / "clone");
        fs::permissions(dir / "newuidmap", fs::perms::owner_all | fs::perms::set_uid);
        in.xdgRuntimeDir = "/run/user/1000";
        checks = checkRootless(in);
        byName.clear();
        for (auto& c : checks)
            byName[c.name] = c;
        QVERIFY(!byName.count("kernel.unprivileged_userns_clone")); // the knob does not exist here
        QVERIFY(byName.at("newuidmap").ok);
        QVERIFY(byName.at("XDG_RUNTIME_DIR").ok);

        // Unset, but logind's directory is there: fine, and the detail says where state goes.
        in.xdgRuntimeDir.clear();
        in.runtimeDir = "/run/user/1000/berth";
        in.runtimeDirFallback = false;
        for (auto& c : checkRootless(in))
            if (c.name == "XDG_RUNTIME_DIR") {
                QVERIFY(c.ok);
                QCOMPARE(c.detail, std::string("unset (runtime state goes to /run/user/1000/berth)"));
            }
        in.runtimeDir = "/tmp/berth-run-1000";
        in.runtimeDirFallback = true;
        for (auto& c : checkRootless(in))
            if (c.name == "XDG_RUNTIME_DIR") {
                QVERIFY(!c.ok);
                QCOMPARE(c.detail, std::string("unset (runtime state goes to /tmp/berth-run-1000)"));
            }
    }

    // slirp4netns opens the tun device as the user: host root's node needs mode 0666 (udev's).
    void tunDeviceCheck() {
        if (!isRoot()) QSKIP("needs root: makes a character device node");
        TempDir dir;
        RootlessCheckInputs in;
        in.user = "alice";
        in.uid = 1000;
        in.tunDevice = dir / "tun";
        auto tunCheck = [&in] {
            for (auto& c : checkRootless(in))
                if (c.name == in.tunDevice.string()) return c;
            return RootlessCheck{};
        };
        RootlessCheck c = tunCheck();
        QVERIFY(!c.ok);
        QVERIFY(!c.required);
        QVERIFY2(c.fix.find("sudo modprobe tun") != std::string::npos, c.fix.c_str());
        QCOMPARE(::mknod(in.tunDevice.c_str(), S_IFCHR | 0600, makedev(10, 200)), 0);
        ::chmod(in.tunDevice.c_str(), 0600);
        c = tunCheck();
        QVERIFY(!c.ok);
        QVERIFY2(c.detail.find("mode 0600") != std::string::npos, c.detail.c_str());
        QVERIFY2(c.fix.find("sudo chmod 0666 " + in.tunDevice.string()) == 0, c.fix.c_str());
        QVERIFY2(c.fix.find("MODE=\"0666\"") != std::string::npos, c.fix.c_str());
        QVERIFY(c.fix.find('\n') == std::string::npos);
        ::chmod(in.tunDevice.c_str(), 0666);
        c = tunCheck();
        QVERIFY2(c.ok, c.detail.c_str());
        QCOMPARE(c.detail, std::string("mode 0666"));
        // The user's own node needs no bits for others.
        ::chmod(in.tunDevice.c_str(), 0600);
        QCOMPARE(::chown(in.tunDevice.c_str(), 1000, 1000), 0);
        QVERIFY(tunCheck().ok);
        // Something else by that name is no tun device.
        fs::remove(in.tunDevice);
        writeText(in.tunDevice, "");
        QVERIFY(!tunCheck().ok);
    }

    void singleIdHintOnlyForUnmappedOwners() {
        Error chown{ErrorCode::Io, "applying layer: entry \"a\": chown: Invalid argument", EINVAL};
        const std::vector<IdMapping> single{{0, 1000, 1}}, full{{0, 1000, 1}, {1, 100000, 65536}};
        QVERIFY(singleIdHint(chown, single).find("single-id mode") != std::string::npos);
        QVERIFY(singleIdHint(chown, full).empty());
        QVERIFY(singleIdHint(chown, {{0, 0, 4294967295u}}).empty());
        Error other{ErrorCode::Io, "open: Invalid argument", EINVAL};
        QVERIFY(singleIdHint(other, single).empty());
        Error denied{ErrorCode::Io, "chown: Operation not permitted", EPERM};
        QVERIFY(singleIdHint(denied, single).empty());
    }

    void cgroupSupport() {
        TempDir dir;
        QVERIFY(describeCgroupSupport(dir.path(), "").find("(cgroup v1)") != std::string::npos);
        writeText(dir / "cgroup.controllers", "cpu io memory pids\n");
        fs::create_directories(dir / "user.slice/user-1000.slice/user@1000.service/app.slice");
        auto own = dir.path() / "user.slice/user-1000.slice/user@1000.service/app.slice";
        const std::string self = "0::/user.slice/user-1000.slice/user@1000.service/app.slice\n";
        QVERIFY(describeCgroupSupport(dir.path(), self).find("nothing delegated") != std::string::npos);
        writeText(own / "cgroup.controllers", "cpu memory pids\n");
        writeText(own / "cgroup.procs", "");
        QCOMPARE(describeCgroupSupport(dir.path(), self), std::string("v2 delegated: cpu memory pids"));
    }
};

QTEST_GUILESS_MAIN(TestRootlessIds)
#include "tst_runtime_rootless_ids.moc"
