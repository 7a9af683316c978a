// Size checks that run in the browser before an article is sent to the server, so text
// over the limit is refused with a message next to the form instead of a failed request.
var clientside = (window.dash_clientside = window.dash_clientside || {});

clientside.articleGuard = (function () {
  function megabytes(size) {
    return (size / 1000000).toFixed(1) + " MB";
  }

  function tooLarge(name, size, limit) {
    return (
      name + ": the text is " + megabytes(size) + ", over the " +
      (limit / 1000000).toFixed(0) + " MB limit"
    );
  }

  // UTF-8 bytes of a string; a string of more UTF-16 units than the limit is over it
  // whatever its encoding, so only shorter ones are encoded to be measured.
  function utf8Size(text, limit) {
    if (text.length > limit) {
      return text.length;
    }
    return new TextEncoder().encode(text).length;
  }

  var noUpdate = function () {
    return window.dash_clientside.no_update;
  };

  return {
    // The Add button: the click goes on to the server only when the text fits.
    checkPaste: function (clicks, text, limit) {
      var size = utf8Size(text || "", limit);
      if (size > limit) {
        return [noUpdate(), tooLarge("pasted text", size, limit), "article-status error"];
      }
      return [clicks, noUpdate(), noUpdate()];
    },
    // An uploaded file (a base64 data URL): sent on only when its bytes fit.
    checkUpload: function (contents, filename, limit) {
      if (!contents) {
        return [noUpdate(), noUpdate(), noUpdate()];
      }
      var comma = contents.indexOf(",");
      var encoded = comma >= 0 ? contents.length - comma - 1 : contents.length;
      var size = Math.floor((encoded * 3) / 4);
      if (size > limit + 3) {
        var name = filename || "uploaded file";
        return [noUpdate(), tooLarge(name, size, limit), "article-status error"];
      }
      return [{ contents: contents, filename: filename }, noUpdate(), noUpdate()];
    },
  };
})();
