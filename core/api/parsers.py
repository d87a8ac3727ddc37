"""One request-body check for every API write: a JSON body must be an object. A list, a string or
a number is a 400 (``parse_error``) before any view reads ``request.data`` as a mapping."""

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class JSONObjectParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise ParseError("请求体必须是 JSON 对象（{…}）。")
        return data
