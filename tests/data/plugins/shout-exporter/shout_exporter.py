"""A minimal third-party exporter: only a name, a description and render()."""


class ShoutExporter:
    name = "shout"
    description = "The title in capital letters (a test plugin)"
    suffixes = (".shout",)

    def render(self, doc, ctx):
        from handoutkit.exporter import OutputFile

        return [OutputFile(".shout", (doc.meta.title.text.upper() + "\n").encode("utf-8"))]
