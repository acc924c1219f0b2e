from django.urls import path

from guidance import views

urlpatterns = [
    path("", views.topic_list, name="guidance"),
    path("<slug:slug>/", views.topic_detail, name="guidance-topic"),
]
