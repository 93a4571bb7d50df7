"""The presentation layer: how a long handout is laid out, once, for every format.

- :mod:`handoutkit.present.view`: the handout view, the parts of a handout in reading order;
- :mod:`handoutkit.present.phrases`: interface words and configuration values as phrases with a language;
- :mod:`handoutkit.present.bidi`: left-to-right runs in right-to-left text, found and isolated;
- :mod:`handoutkit.present.html`: the view's words and blocks as HTML, for every format built on HTML.

Nothing here imports WeasyPrint or ebooklib.
"""
