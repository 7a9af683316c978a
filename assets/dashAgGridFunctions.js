// Functions the event table refers to by name (dash-ag-grid looks them up here).
var dagfuncs = (window.dashAgGridFunctions = window.dashAgGridFunctions || {});

// Sort the "Date" column by the ISO date behind it, not by its words.
dagfuncs.dateOrder = function (valueA, valueB, nodeA, nodeB) {
  var a = nodeA && nodeA.data ? nodeA.data.date : "";
  var b = nodeB && nodeB.data ? nodeB.data.date : "";
  return a < b ? -1 : a > b ? 1 : 0;
};
