"""REST endpoints for staff (Django REST framework, session-authenticated)."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import generics, permissions, serializers

from core.permissions import IsCounselor

from . import selectors
from .models import CannedResponse


class CannedResponseSerializer(serializers.ModelSerializer):
    shared = serializers.BooleanField(read_only=True)

    class Meta:
        model = CannedResponse
        fields = ["id", "title", "body", "language", "shared"]


@extend_schema_view(
    get=extend_schema(
        parameters=[
            OpenApiParameter("language", str, description="Only replies in this language."),
            OpenApiParameter("q", str, description="Search titles and text."),
        ]
    )
)
class CannedResponseList(generics.ListAPIView):
    """Saved replies the caller may use: shared ones and their own. `?language=ja`
    narrows to one language, `?q=` searches titles and text."""

    serializer_class = CannedResponseSerializer
    permission_classes = [permissions.IsAuthenticated, IsCounselor]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        params = self.request.query_params
        return selectors.canned_responses_for(
            self.request.user,  # type: ignore[arg-type]
            language=params.get("language") or None,
            query=params.get("q", "")[:100],
        )
