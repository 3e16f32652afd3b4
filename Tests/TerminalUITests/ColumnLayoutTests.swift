import Testing
import TerminalUI

@Suite("Column layout")
struct ColumnLayoutTests {
    @Test func flexibleColumnsShareTheRestByWeight() {
        let w = ColumnLayout.widths([.init(min: 6), .init(min: 10, flex: 3), .init(min: 4, flex: 1)], total: 40)
        // 18 spare cells: 13 and 4 by weight, the odd one to the last flexible column.
        #expect(w == [6, 23, 9])
    }

    @Test func dropsLowPriorityColumnsFirstThenTheRightmost() {
        let specs: [ColumnLayout.Spec] = [.init(min: 6, priority: 3), .init(min: 12, flex: 1, priority: 3), .init(min: 8),
                                          .init(min: 10, priority: 2), .init(min: 4), .init(min: 10, priority: 2)]
        // Everything: 6+12+8+10+4+10 + 5 gaps = 55.
        #expect(ColumnLayout.widths(specs, total: 55).allSatisfy { $0 > 0 })
        // 50: the rightmost priority-0 column (index 4) goes.
        #expect(ColumnLayout.widths(specs, total: 50).map { $0 > 0 } == [true, true, true, true, false, true])
        // 41: both priority-0 columns go; the state column (priority 2, last) stays.
        let narrow = ColumnLayout.widths(specs, total: 41)
        #expect(narrow.map { $0 > 0 } == [true, true, false, true, false, true])
        #expect(narrow.reduce(0, +) + 3 == 41)
        // 40: then the rightmost priority-2 column too.
        #expect(ColumnLayout.widths(specs, total: 40).map { $0 > 0 } == [true, true, false, true, false, false])
    }

    @Test func nothingFitsGivesZeros() {
        #expect(ColumnLayout.widths([.init(min: 10), .init(min: 10)], total: 5) == [0, 0])
    }
}
