#pragma once
// QVERIFY for a berth::Result or Status: fails the test with the error's one-line message.
#include <QTest>

#define VERIFY_OK(expr)                                                                            \
    do {                                                                                           \
        auto&& r_ = (expr);                                                                        \
        QVERIFY2(r_.has_value(), r_.has_value() ? "" : r_.error().message.c_str());                \
    } while (0)
