// CloudGov.Domain generates the codecs of its own types (it carries the serializer's code generator).
