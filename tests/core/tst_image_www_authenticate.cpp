// The WWW-Authenticate parser against the shapes registries send and the ones RFC 7235 allows.
#include "image/www_authenticate.h"

#include <QTest>

using namespace berth::image;

namespace {

// "scheme{k=v|k=v} scheme{}" — a compact rendering of the parse, stable for comparisons.
QString render(const std::vector<AuthChallenge>& challenges) {
    QStringList parts;
    for (const AuthChallenge& c : challenges) {
        QStringList params;
        for (const auto& [k, v] : c.params)
            params << QString::fromStdString(k + "=" + v);
        parts << QString::fromStdString(c.scheme) + QLatin1Char('{') + params.join(QLatin1Char('|')) +
                     QLatin1Char('}');
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace

class TestWwwAuthenticate : public QObject {
    Q_OBJECT
private slots:
    void parse_data();
    void parse();
    void preferred_data();
    void preferred();
};

void TestWwwAuthenticate::parse_data() {
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("expected");
    QTest::newRow("docker hub")
        << R"(Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/busybox:pull")"
        << "bearer{realm=https://auth.docker.io/token|scope=repository:library/"
           "busybox:pull|service=registry.docker.io}";
    QTest::newRow("basic") << R"(Basic realm="Registry Realm")"
                           << "basic{realm=Registry Realm}";
    QTest::newRow("scheme case and spaces") << R"(  bEaReR   realm = "r" ,  service="s"  )"
                                            << "bearer{realm=r|service=s}";
    QTest::newRow("comma inside quotes") << R"(Bearer realm="r",scope="repository:a:pull,push")"
                                         << "bearer{realm=r|scope=repository:a:pull,push}";
    QTest::newRow("escaped quote") << R"(Bearer realm="a\"b\\c")"
                                   << R"(bearer{realm=a"b\c})";
    QTest::newRow("unquoted token values") << "Bearer realm=https://x/token,service=reg"
                                           << "bearer{realm=https://x/token|service=reg}";
    QTest::newRow("two challenges") << R"(Basic realm="b", Bearer realm="t",service="s")"
                                    << "basic{realm=b} bearer{realm=t|service=s}";
    QTest::newRow("three challenges, empty middle") << R"(Negotiate, Basic realm="b",Bearer realm="t")"
                                                    << "negotiate{} basic{realm=b} bearer{realm=t}";
    QTest::newRow("param names lowercased") << R"(Bearer Realm="r",SERVICE="s")"
                                            << "bearer{realm=r|service=s}";
    QTest::newRow("token68") << "Basic dXNlcjpwYXNz=="
                             << "basic{=dXNlcjpwYXNz==}";
    QTest::newRow("bearer with error")
        << R"(Bearer realm="r",error="invalid_token",error_description="The access token expired")"
        << "bearer{error=invalid_token|error_description=The access token expired|realm=r}";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("only commas") << " , ,, "
                                 << "";
    QTest::newRow("unterminated quote") << R"(Bearer realm="https://x)"
                                        << "bearer{realm=https://x}";
    QTest::newRow("garbage after scheme") << R"(Bearer "x")"
                                          << "bearer{}";
    QTest::newRow("empty quoted value") << R"(Bearer realm="",service="s")"
                                        << "bearer{realm=|service=s}";
}

void TestWwwAuthenticate::parse() {
    QFETCH(QString, header);
    QFETCH(QString, expected);
    QCOMPARE(render(parseWwwAuthenticate(header.toStdString())), expected);
}

void TestWwwAuthenticate::preferred_data() {
    QTest::addColumn<QString>("header");
    QTest::addColumn<QString>("scheme");
    QTest::newRow("bearer over basic") << R"(Basic realm="b", Bearer realm="t")"
                                       << "bearer";
    QTest::newRow("basic alone") << R"(Basic realm="b")"
                                 << "basic";
    QTest::newRow("unknown only") << R"(Negotiate, Digest realm="d",nonce="n")"
                                  << "";
    QTest::newRow("nothing") << ""
                             << "";
}

void TestWwwAuthenticate::preferred() {
    QFETCH(QString, header);
    QFETCH(QString, scheme);
    auto chosen = preferredChallenge(parseWwwAuthenticate(header.toStdString()));
    QCOMPARE(chosen ? QString::fromStdString(chosen->scheme) : QString(), scheme);
}

QTEST_GUILESS_MAIN(TestWwwAuthenticate)
#include "tst_image_www_authenticate.moc"
